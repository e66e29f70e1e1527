channels.forEach(c => {
  publish("spend_" + c.name, { type: "view", tags: c.tags }).query(`SELECT ${c.rate} * 1.0 AS rate`);
});
