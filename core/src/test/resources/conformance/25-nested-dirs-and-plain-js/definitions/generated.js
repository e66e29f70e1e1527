["users", "orders"].forEach(entity => {
  publish(`${entity}_copy`, { type: "table", schema: "copies", tags: ["generated"] })
    .query(ctx => `SELECT * FROM ${ctx.ref("staging", "stg_" + entity)}`);
});
