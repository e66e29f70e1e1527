const base = publish("base", { type: "view", schema: "raw" }).query("select 1 as x");
const check = assert("base_has_rows").query(ctx => `select 1 from ${ctx.ref("base")} where false`);
publish("names", { type: "view" }).query(ctx =>
  `select '${base.proto.target.schema}.${base.proto.target.name}' as base_name,` +
  ` '${check.proto.target.schema}.${check.proto.target.name}' as assertion_name,` +
  ` '${base.proto.canonicalTarget.database}' as project`);
