// Config set from inside the query function, through the context.
publish("by_day", { type: "table" }).query(ctx => `${ctx.bigquery({ partitionBy: "d", clusterBy: ["k"] })}SELECT CURRENT_DATE() AS d, 1 AS k`);
operate("made_here").queries(ctx => { ctx.hasOutput(true); return [`CREATE TABLE ${ctx.self()} AS SELECT 1 AS x`]; });
