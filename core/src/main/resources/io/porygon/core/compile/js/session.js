// Porygon's implementation of Dataform's JavaScript session API. It runs inside the sandboxed
// engine: project files register actions here; __porygon.compile() then evaluates every action's
// SQL against a context (ref, self, incremental, ...) and returns plain data for Java to check.
// Java sets __projectConfigJson before this file runs.
(function (global) {
  "use strict";

  // Dataform's projectConfig is a protobuf message: a field left unset reads as its default ("", false, {}),
  // and JSON.stringify writes the fields set, in the order of their field numbers (core.proto)
  const PROJECT_CONFIG_DEFAULTS = { warehouse: "", defaultSchema: "", assertionSchema: "", schemaSuffix: "", defaultDatabase: "",
    tablePrefix: "", vars: Object.freeze({}), databaseSuffix: "", defaultLocation: "", builtinAssertionNamePrefix: "",
    disableAssertions: false,
    toJSON: function () {
      var out = {}, self = this;
      Object.keys(PROJECT_CONFIG_DEFAULTS).forEach(function (k) {
        var v = self[k];
        if (k !== "toJSON" && v && !(k === "vars" && !Object.keys(v).length)) out[k] = v;
      });
      return out;
    } };
  // const for every name never assigned again: Rhino sets up this function's scope on each compile,
  // and looks through all the functions below for one of the same name for each var, not for a const.
  const projectConfig = Object.assign(Object.create(PROJECT_CONFIG_DEFAULTS), JSON.parse(global.__projectConfigJson));
  delete global.__projectConfigJson;

  const actions = [];
  const tests = [];
  const errors = [];
  var assertionDependencies = 0;
  var currentFile = null;
  var index = null;

  // dataset, project and dependencyTargets: Dataform's own names (its action config proto) for schema, database, dependencies
  const COMMON_KEYS = ["type", "name", "schema", "database", "description", "tags", "dependencies",
    "disabled", "hermetic", "dependOnDependencyAssertions", "filename", "fileName", "reservation", "metadata",
    "dataset", "project", "dependencyTargets"];
  const TABLE_KEYS = COMMON_KEYS.concat(["columns", "bigquery", "assertions", "preOperations", "postOperations",
    "partitionBy", "clusterBy", "labels", "additionalOptions", "partitionExpirationDays", "requirePartitionFilter", "iceberg"]);
  const CONFIG_KEYS = {
    table: TABLE_KEYS,
    view: TABLE_KEYS.concat(["materialized"]),
    incremental: TABLE_KEYS.concat(["uniqueKey", "protected", "updatePartitionFilter", "onSchemaChange", "incrementalStrategy"]),
    operations: COMMON_KEYS.concat(["hasOutput", "columns"]),
    assertion: COMMON_KEYS,
    declaration: ["type", "name", "schema", "database", "description", "columns", "tags", "filename", "fileName", "dataset", "project"],
    test: ["type", "name", "dataset", "schema", "database", "filename", "fileName"]
  };
  const BIGQUERY_KEYS = {
    table: ["partitionBy", "clusterBy", "labels", "partitionExpirationDays", "requirePartitionFilter", "additionalOptions", "iceberg"],
    view: ["labels", "additionalOptions", "partitionBy", "clusterBy"],
    incremental: ["partitionBy", "clusterBy", "labels", "partitionExpirationDays", "requirePartitionFilter",
      "updatePartitionFilter", "additionalOptions", "iceberg", "incrementalPredicates"]
  };
  const ASSERTION_KEYS = ["uniqueKey", "uniqueKeys", "nonNull", "rowConditions"];
  const BIGQUERY_OPTION_KEYS = ["partitionBy", "clusterBy", "labels", "partitionExpirationDays", "requirePartitionFilter",
    "updatePartitionFilter", "additionalOptions"];

  // Hot paths below use plain loops and comparisons rather than closures and array literals: the
  // session runs in Rhino's interpreter, where every call and allocation counts on a warm compile.
  function isDataset(kind) { return kind === "table" || kind === "view" || kind === "incremental"; }
  const CONFIG_TYPES = {
    name: "string", schema: "string", database: "string", description: "string", type: "string", project: "string",
    dependencyTargets: "refArray",
    disabled: "boolean", hermetic: "boolean", protected: "boolean", materialized: "boolean", hasOutput: "boolean",
    dependOnDependencyAssertions: "boolean", tags: "stringArray", uniqueKey: "stringArray", dependencies: "refArray",
    columns: "object", bigquery: "object", assertions: "object", partitionBy: "string", clusterBy: "stringArray",
    labels: "stringMap", additionalOptions: "stringMap", partitionExpirationDays: "number", requirePartitionFilter: "boolean", updatePartitionFilter: "string",
    uniqueKeys: "stringLists", nonNull: "strings", rowConditions: "stringArray", preOperations: "stringArray", postOperations: "stringArray"
  };
  // Inside assertions { }, Dataform also takes one column as a string for uniqueKey.
  const ASSERTION_TYPES = { uniqueKey: "strings", uniqueKeys: "stringLists", nonNull: "strings", rowConditions: "stringArray" };

  // ---- errors and locations ----

  // The ${} placeholder of a SQLX file being evaluated, set by __porygonAt(line, column) calls that
  // the SQLX translator puts in front of each placeholder (lines are already the file's own), in the
  // file of the contextable that apply() runs (atFile; undefined outside).
  var currentAt = null;
  var atFile;
  const threwFiles = {};
  global.__porygonAt = function (line, column) { currentAt = { fileName: atFile, line: line, column: column }; };

  /**
   * The innermost project-file frame of the current stack: {fileName, line, column, mapped}; with
   * {@code inFile}, the innermost frame in that file when there is one (an include's helper called
   * from a definitions file is located at the call).
   */
  function callerLocation(inFile) {
    var stack = new Error().stack || "";
    var frames = stack.split("\n");
    if (inFile && stack.indexOf("at " + inFile + ":") < 0) inFile = null;
    for (var i = 0; i < frames.length; i++) {
      var m = /at ([^:()]+):(\d+)/.exec(frames[i]);
      if (m && m[1].indexOf("porygon-session.js") < 0 && (!inFile || m[1] === inFile)) {
        if (currentAt && currentAt.fileName === m[1]) {
          return { fileName: m[1], line: currentAt.line, column: currentAt.column, mapped: true };
        }
        return { fileName: m[1], line: +m[2] };
      }
    }
    return { fileName: currentFile, line: 0 };
  }

  /** {@code property}: a config key, located in the file from the location's line on. */
  function compileError(message, fileName, actionName, location, hint, property) {
    var loc = location || callerLocation();
    var same = loc.fileName === (fileName || loc.fileName);
    errors.push({
      message: String(message), fileName: fileName || loc.fileName || currentFile,
      actionName: actionName || null, line: same ? loc.line : 0, column: same ? (loc.column || 0) : 0,
      mapped: !!(loc.mapped || loc.original), hint: hint || null, property: property || null
    });
  }

  /** Records what project code threw, and returns the error recorded. */
  function errorFromException(e, fileName, actionName, fallbackLine) {
    var error = exceptionError(e, fileName, actionName, fallbackLine);
    errors.push(error);
    return error;
  }

  /** The error for what project code threw; {@code fallbackLine} (the action's start) when the value carries no place (throw "text"). */
  function exceptionError(e, fileName, actionName, fallbackLine) {
    var message = e && e.message !== undefined ? e.message : String(e);
    var loc = { fileName: fileName, line: 0 };
    if (e && e.fileName) loc = { fileName: e.fileName, line: e.lineNumber || 0 };
    if (e && (!e.fileName || e.fileName.indexOf("porygon-session.js") >= 0) && e.stack) {
      var frames = String(e.stack).split("\n");
      for (var i = 0; i < frames.length; i++) {
        var m = /at ([^:()]+):(\d+)/.exec(frames[i]);
        if (m && m[1].indexOf("porygon-session.js") < 0) { loc = { fileName: m[1], line: +m[2] }; break; }
      }
    }
    var mapped = false, column = 0;
    if (currentAt && currentAt.fileName === loc.fileName) {
      loc.line = currentAt.line;
      column = currentAt.column;
      mapped = true;
    }
    if (!loc.line && fallbackLine && (loc.fileName || fileName) === fileName) {
      loc.line = fallbackLine;
      mapped = true;
    }
    var caller = loc.fileName && loc.fileName !== fileName ? callIn(fileName, e) : null;
    return { message: String(message), fileName: loc.fileName || fileName, actionName: actionName || null,
      line: loc.line, column: column, exception: true, mapped: mapped, hint: e && e.porygonHint || null,
      callerFile: caller && fileName, callerLine: caller && caller.line, callerColumn: caller && caller.column,
      callerMapped: caller && caller.mapped };
  }

  /** Where the action's {@code fileName} called the file that threw {@code e}: its ${...}, else its frame of the stack. */
  function callIn(fileName, e) {
    if (currentAt && currentAt.fileName === fileName) return { line: currentAt.line, column: currentAt.column, mapped: true };
    var frames = String(e && e.stack || "").split("\n");
    for (var i = 0; i < frames.length; i++) {
      var m = /at ([^:()]+):(\d+)/.exec(frames[i]);
      if (m && m[1] === fileName) return { line: +m[2], column: 0, mapped: false };
    }
    return null;
  }

  // ---- targets ----

  function finalizeDatabase(d) { return projectConfig.databaseSuffix ? d + "_" + projectConfig.databaseSuffix : d; }
  function finalizeSchema(s) { return projectConfig.schemaSuffix ? s + "_" + projectConfig.schemaSuffix : s; }
  function finalizeName(n) { return projectConfig.tablePrefix ? projectConfig.tablePrefix + "_" + n : n; }

  function makeTarget(name, schema, database, useAssertionSchema) {
    var defaultSchema = (useAssertionSchema && projectConfig.assertionSchema) || projectConfig.defaultSchema;
    return { database: database || projectConfig.defaultDatabase || undefined, schema: schema || defaultSchema || undefined, name: name };
  }

  function readable(t) {
    return [t.database, t.schema, t.name].filter(function (x) { return !!x; }).join(".");
  }

  /** ref("name"), ref("schema", "name"), ref("db", "schema", "name") or ref({schema, name}). */
  function toResolvable(args) {
    var first = args[0];
    if (args.length === 1 && typeof first === "string") return { name: first, schema: undefined, database: undefined };
    if (args.length === 1 && first !== null && typeof first === "object" && !Array.isArray(first)) {
      return { database: first.database, schema: first.schema, name: first.name,
        includeDependentAssertions: first.includeDependentAssertions };
    }
    var parts = Array.isArray(first) ? first.slice() : Array.prototype.slice.call(args);
    for (var i = 0; i < parts.length; i++) {
      if (typeof parts[i] !== "string") throw new Error("Action target names must be strings, got " + typeof parts[i] + ": " + String(parts[i]));
    }
    if (parts.length < 1 || parts.length > 3) throw new Error("ref() takes a name, a schema and a name, or a database, a schema and a name");
    parts.reverse();
    return { name: parts[0], schema: parts[1], database: parts[2] };
  }

  function resolvableFromString(s) {
    if (typeof s !== "string") return toResolvable([s]);
    var parts = s.split(".").reverse();
    return { name: parts[0], schema: parts[1], database: parts[2] };
  }

  /** The registered actions by target name, built once at compile time (refs are looked up per name, not by a scan). */
  function indexByName(list) {
    var byName = new Map();
    for (var i = 0; i < list.length; i++) {
      var a = list[i], same = byName.get(a.target.name);
      if (same) same.push(a);
      else byName.set(a.target.name, [a]);
    }
    return byName;
  }

  function findActions(r) {
    if (!index) return [];
    var same = index.get(r.name);
    if (!same) return [];
    var out = [];
    for (var i = 0; i < same.length; i++) {
      var a = same[i], t = a.target;
      if (t.name === r.name && (!r.schema || t.schema === r.schema) && (!r.database || t.database === r.database)) out.push(a);
    }
    return out;
  }

  function resolveTarget(action) {
    var t = action.target;
    // without suffixes and prefix, a target is final as it is: no copy (this runs for every ref)
    if (action.kind !== "declaration" && (projectConfig.databaseSuffix || projectConfig.schemaSuffix || projectConfig.tablePrefix)) {
      t = { database: t.database && finalizeDatabase(t.database), schema: finalizeSchema(t.schema), name: finalizeName(t.name) };
    }
    var database = t.database || projectConfig.defaultDatabase;
    var schema = t.schema || projectConfig.defaultSchema || ""; // no dataset anywhere: `project..name`, as Dataform writes it
    return database ? "`" + database + "." + schema + "." + t.name + "`" : "`" + schema + "." + t.name + "`";
  }

  function resolve(r, reportMissing, found) {
    if (!found) found = findActions(r);
    if (found.length > 1) {
      // A ref's ambiguity is reported by Java's dependency check; only direct resolve() reports here.
      if (reportMissing) reportAmbiguous(r, found);
      return "";
    }
    if (found.length === 0) {
      if (reportMissing) reportUnresolved(r);
      return "";
    }
    return nameInSql(found[0]);
  }

  function reportAmbiguous(r, found) {
    compileError("Ambiguous Action name: " + JSON.stringify(r) + ". Did you mean one of: " +
      found.map(function (a) { return a.target.schema + "." + a.target.name; }).join(", ") + ".");
  }

  function reportUnresolved(r) {
    var near = closest(r.name || "", actions.map(function (a) { return a.target.name; }));
    compileError("Could not resolve " + JSON.stringify(r), null, null, null,
      near ? "did you mean " + near + "?" : "resolve() names an action of the project; declare an outside table first");
  }

  /** The quoted name of an action, to put in SQL; an operation without output has none. */
  function nameInSql(action) {
    if (action.kind === "operations" && !action.proto.hasOutput) {
      compileError("Actions cannot resolve operations which do not produce output.", null, null, null,
        "add hasOutput: true to the config if the operation creates the table named after it");
      return "";
    }
    return resolveTarget(action);
  }

  // ---- config checking ----

  function typeOf(v) {
    if (Array.isArray(v)) return "array";
    return v === null ? "null" : typeof v;
  }

  /** As {@code array.every(test)}, holes skipped, without a call from Java per element. */
  function every(array, test) {
    for (var i = 0, n = array.length; i < n; i++) {
      if (!test(array[i]) && i in array) return false;
    }
    return true;
  }
  /** As every(array, x => typeof x === "string"), the most frequent check, without a call per element. */
  function allStrings(array) {
    for (var i = 0, n = array.length; i < n; i++) {
      if (typeof array[i] !== "string" && i in array) return false;
    }
    return true;
  }
  /** The first key of obj whose value is no string, or null. */
  function nonStringValue(obj) {
    for (var k in obj) if (typeof obj[k] !== "string") return k;
    return null;
  }
  function isListOrObject(x) { return Array.isArray(x) || (x && typeof x === "object"); }
  function isRef(x) { return typeof x === "string" || (x !== null && typeof x === "object"); }

  function checkType(key, value, expected, where, check) {
    var ok, got = typeOf(value);
    switch (expected) {
      case "strings": ok = typeof value === "string" || (Array.isArray(value) && allStrings(value)); break;
      case "stringLists": ok = Array.isArray(value) && every(value, isListOrObject); break;
      case "stringArray": ok = Array.isArray(value) && allStrings(value); break;
      case "refArray": ok = Array.isArray(value) && every(value, isRef); break;
      case "object": ok = value !== null && typeof value === "object" && !Array.isArray(value); break;
      // Dataform's protobuf encoder throws on a number or boolean there, failing the whole compile
      case "stringMap":
        ok = got === "object" && nonStringValue(value) === null;
        if (got === "object" && !ok) got = typeOf(value[nonStringValue(value)]) + " for " + nonStringValue(value);
        break;
      default: ok = typeof value === expected;
    }
    if (!ok) {
      check.report("Config property \"" + key + "\"" + where + " has the wrong type: expected " + expected.replace("strings", "a string or an array of strings")
        .replace("stringLists", "an array of arrays of strings").replace("stringArray", "an array of strings").replace("refArray", "an array of action names").replace("stringMap", "an object of strings") + ", got " + got,
        typeHint(key, value, expected), key);
    }
    return ok;
  }

  function typeHint(key, value, expected) {
    if (typeof value === "string" && (expected === "stringArray" || expected === "refArray")) return "write " + key + ": [" + JSON.stringify(value) + "]";
    var unquoted = expected === "boolean" ? value === "true" || value === "false" : expected === "number" && value !== "" && !isNaN(Number(value));
    if (typeof value === "string" && unquoted) return "write " + key + ": " + value + ", without quotes";
    if (expected === "boolean") return "write " + key + ": true or false";
    if (expected === "stringMap") return "quote each value of " + key + ", e.g. { name: \"5\" }";
    return "change the value of " + key;
  }

  /** {@code type}: given for the config itself (not its bigquery or assertions), whose keys of another type are told apart. */
  function checkKeys(obj, allowed, where, check, types, type) {
    var keys = Object.keys(obj);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (allowed.indexOf(key) < 0) {
        check.report("Unexpected property \"" + key + "\"" + where + ". Supported properties are: " + JSON.stringify(allowed),
          unexpectedKeyHint(key, allowed, type), key);
      } else if (types[key] && obj[key] !== undefined) {
        var expected = types[key], value = obj[key];
        // a string, number or boolean of the expected type needs no closer look (most keys: no call)
        if (typeof value !== expected || expected === "object") checkType(key, value, expected, where, check);
      }
    }
  }

  /**
   * The nearest allowed key; for a key of another action type (uniqueKey on a table), which types take it, and so
   * for a misspelling of one (uniqeKey) that is nearer than any allowed key.
   */
  function unexpectedKeyHint(key, allowed, type) {
    var near = closest(key, allowed), hint = near ? "did you mean " + near + "?" : "remove it, or use one of the supported properties";
    if (!type) return hint;
    var takers = typesTaking(key);
    if (takers.length) return key + " applies to type " + takers.join(", ") + ", not " + type;
    var elsewhere = closest(key, Object.keys(CONFIG_KEYS).reduce(function (all, t) { return all.concat(CONFIG_KEYS[t]); }, []));
    if (!elsewhere || near && allowed.indexOf(elsewhere) >= 0) return hint;
    if (near && distance(key.toLowerCase(), elsewhere.toLowerCase()) >= distance(key.toLowerCase(), near.toLowerCase())) return hint;
    return "did you mean " + elsewhere + "? It applies to type " + typesTaking(elsewhere).join(", ") + ", not " + type;
  }

  function typesTaking(key) {
    return Object.keys(CONFIG_KEYS).filter(function (t) { return CONFIG_KEYS[t].indexOf(key) >= 0; });
  }

  /**
   * The shortest candidate holding the word (strategy: incrementalStrategy), else the nearest by edit distance when it
   * is near enough to be a misspelling (as Suggestions.closest in Java), else null.
   */
  function closest(word, candidates) {
    var w = word.toLowerCase(), best = null, bestDistance = 1e9;
    candidates.forEach(function (c) {
      if (w.length >= 4 && c.toLowerCase().indexOf(w) >= 0 && (best === null || c.length < best.length)) best = c;
    });
    if (best !== null) return best;
    candidates.forEach(function (c) {
      var d = distance(w, c.toLowerCase());
      if (d < bestDistance) { bestDistance = d; best = c; }
    });
    return bestDistance <= Math.max(2, Math.floor(word.length / 2)) ? best : null;
  }

  function distance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  /** What validateConfig found wrong with a config, reported at the config (or its key). */
  function ConfigCheck(config, location) {
    this.config = config;
    this.location = location;
    this.ok = true;
  }
  ConfigCheck.prototype.report = function (message, hint, property) {
    var location = this.location;
    this.ok = false;
    errors.push({ message: message, hint: hint, fileName: location.fileName, line: location.line, column: location.column || 0,
      actionName: this.config.name || null, mapped: !!location.original, property: property });
  };

  const NON_EMPTY_KEYS = ["schema", "database", "dataset", "project"];

  function validateConfig(type, config, location) {
    var check = new ConfigCheck(config, location), i, key;
    var allowed = CONFIG_KEYS[type];
    if (!allowed) {
      check.report("Unrecognized action type: " + type, "use one of " + Object.keys(CONFIG_KEYS).join(", "));
      return false;
    }
    checkKeys(config, allowed, "", check, CONFIG_TYPES, type);
    for (i = 0; i < NON_EMPTY_KEYS.length; i++) {
      key = NON_EMPTY_KEYS[i];
      if (config[key] === "") check.report("Unexpected empty value for \"" + key + "\"", "give it a value, or leave " + key + " out for the default", key);
    }
    if (Array.isArray(config.dependencies)) {
      // Dataform reads a dependency object by its own names: dataset and project
      var deps = config.dependencies;
      for (i = 0; i < deps.length; i++) {
        var d = deps[i]; // a hole reads undefined: skipped, as forEach skips it
        if (d && typeof d === "object") {
          if (d.schema !== undefined) {
            check.report("Unexpected property \"schema\" in a dependency", "write dataset in a dependency object, e.g. { name: \"x\", dataset: \"raw\" }",
              "dependencies");
          }
          if (d.database !== undefined) {
            check.report("Unexpected property \"database\" in a dependency", "write project in a dependency object, e.g. { name: \"x\", dataset: \"raw\" }",
              "dependencies");
          }
        }
      }
    }
    if (config.bigquery && typeof config.bigquery === "object") {
      checkKeys(config.bigquery, BIGQUERY_KEYS[type] || [], " in bigquery", check, CONFIG_TYPES);
      // Dataform moves each option out of bigquery only when its value is truthy: one left behind (false, 0, "")
      // keeps bigquery in the config, which its config proto then refuses
      var bqKeys = Object.keys(config.bigquery);
      for (i = 0; i < bqKeys.length; i++) {
        key = bqKeys[i];
        if (!config.bigquery[key] && (BIGQUERY_KEYS[type] || []).indexOf(key) >= 0) {
          var shown = String(JSON.stringify(config.bigquery[key]));
          check.report("Unexpected property \"bigquery\": its " + key + " is " + shown + ", which Dataform refuses there",
            "leave " + key + " out of bigquery (" + shown + " is its default)", "bigquery");
        }
      }
    }
    if (config.assertions && typeof config.assertions === "object") checkKeys(config.assertions, ASSERTION_KEYS, " in assertions", check, ASSERTION_TYPES);
    return check.ok;
  }

  // ---- actions ----

  // An action's proto leads back to its action, whose target and canonicalTarget it shows as Dataform's
  // action.proto.target does: read by project code, not part of the compiled output. Getters shared by
  // all protos, rather than a pair of closures per action.
  const ACTION = Symbol("action");
  const PROTO_BASE = {};
  Object.defineProperty(PROTO_BASE, "target", { get: function () { return this[ACTION].target; } });
  Object.defineProperty(PROTO_BASE, "canonicalTarget", { get: function () { return this[ACTION].canonicalTarget; } });

  function Action(kind, config, fileName) {
    this.kind = kind;
    this.fileName = fileName;
    this.deps = [];
    this.contextableQuery = null;
    this.contextableQueries = null;
    this.contextableWhere = null;
    this.contextablePreOps = [];
    this.contextablePostOps = [];
    this.uniqueKeyAssertions = [];
    this.rowConditionsAssertion = null;
    var proto = Object.create(PROTO_BASE);
    proto.type = kind;
    proto.tags = [];
    proto.disabled = false;
    proto.fileName = fileName;
    proto[ACTION] = this;
    this.proto = proto;
    var useAssertionSchema = kind === "assertion";
    this.target = makeTarget(config.name, config.schema, config.database, useAssertionSchema);
    this.canonicalTarget = this.target;
  }

  /** Moves the target; the canonical target stays where the config put it, as in Dataform (.schema() and .database() of the JS API). */
  Action.prototype.retarget = function (database, schema) {
    this.target = makeTarget(this.target.name, schema || this.target.schema, database || this.target.database);
    return this;
  };
  Action.prototype.query = function (q) { this.contextableQuery = q; return this; };
  Action.prototype.queries = function (q) { this.contextableQueries = q; return this; };
  Action.prototype.where = function (w) { this.contextableWhere = w; return this; };
  Action.prototype.preOps = function (p) { this.contextablePreOps.push(p); return this; };
  Action.prototype.postOps = function (p) { this.contextablePostOps.push(p); return this; };
  Action.prototype.disabled = function (d) {
    var v = d === undefined ? true : !!d;
    this.proto.disabled = v;
    for (var i = 0; i < this.uniqueKeyAssertions.length; i++) this.uniqueKeyAssertions[i].disabled(v);
    if (this.rowConditionsAssertion) this.rowConditionsAssertion.disabled(v);
    return this;
  };
  Action.prototype.tags = function (t) {
    var list = typeof t === "string" ? [t] : t, i, n;
    if (!Array.isArray(list) && (list === null || list === undefined || typeof list.forEach !== "function")) throw new Error("tags must be a string or an array of strings, not " + typeOf(t) + ": tags([\"daily\"])");
    // a loop, not forEach (a call from Java per tag); anything else than an array goes to its own forEach, as before
    if (Array.isArray(list)) {
      for (i = 0, n = list.length; i < n; i++) if (i in list) addTag.call(this, list[i]);
    } else {
      list.forEach(addTag, this);
    }
    for (i = 0; i < this.uniqueKeyAssertions.length; i++) this.uniqueKeyAssertions[i].tags(t);
    if (this.rowConditionsAssertion) this.rowConditionsAssertion.tags(t);
    return this;
  };
  /** Called with the action as this. Dataform keeps repeated tags on tables and drops them on operations and assertions. */
  function addTag(tag) {
    var dedupe = this.kind === "operations" || this.kind === "assertion";
    if (!dedupe || this.proto.tags.indexOf(tag) < 0) this.proto.tags.push(tag);
  }
  /** {@code location}: given for a config's dependencies, where "schema.name" is split; the JS API's string is one name, as in Dataform. */
  Action.prototype.dependencies = function (d, location) {
    var loc = location || callerLocation(), list = Array.isArray(d) ? d : [d];
    for (var i = 0, n = list.length; i < n; i++) {
      if (!(i in list)) continue; // a hole, as forEach skips it
      var dep = list[i];
      if (typeof dep !== "string" && (dep === null || typeof dep !== "object" || Array.isArray(dep) || typeof dep.name !== "string")) {
        compileError("A dependency must be an action's name or { schema: \"...\", name: \"...\" }, not " + typeOf(dep)
          + (dep !== null && typeof dep === "object" && !Array.isArray(dep) ? " without a name" : ": " + String(dep)), this.fileName,
          readable(this.target), loc, "write dependencies(\"name\") or dependencies([\"a\", \"b\"])", location ? "dependencies" : null);
        continue;
      }
      var r = typeof dep === "string" ? (location ? resolvableFromString(dep) : { name: dep }) : {
        name: dep.name, schema: dep.schema || dep.dataset, database: dep.database || dep.project,
        includeDependentAssertions: dep.includeDependentAssertions };
      if (loc.fileName === this.fileName) {
        r.line = loc.line;
        r.mapped = !!loc.original || !!loc.mapped;
        if (location) r.property = "dependencies";
      }
      this.addDependency(r);
    }
    return this;
  };
  /** dependOnDependencyAssertions is the default of the dependencies added after it is set, as in Dataform. */
  Action.prototype.addDependency = function (r) {
    if (this.dependOnDependencyAssertions && r.includeDependentAssertions === undefined) r.includeDependentAssertions = true;
    // when an assertion came to depend on it: Dataform lists an action's assertions in that order
    if (this.kind === "assertion") r.order = assertionDependencies++;
    this.deps.push(r);
  };
  Action.prototype.hermetic = function (h) { this.proto.hermeticity = h ? "HERMETIC" : "NON_HERMETIC"; return this; };
  Action.prototype.description = function (d) { this.descriptor().description = d; return this; };
  Action.prototype.columns = function (c) {
    this.descriptor().columns = Array.isArray(c) ? c.map(columnProto) : columnDescriptors([], c);
    return this;
  };
  Action.prototype.descriptor = function () { return this.proto.actionDescriptor || (this.proto.actionDescriptor = {}); };
  Action.prototype.database = function (d) { return this.retarget(d, null); };
  Action.prototype.schema = function (s) { return this.retarget(null, s); };
  Action.prototype.hasOutput = function (h) { this.proto.hasOutput = !!h; return this; }; // no argument: false, as in Dataform
  Action.prototype.setDependOnDependencyAssertions = function (d) { this.dependOnDependencyAssertions = !!d; return this; };
  Action.prototype.protected = function (p) { this.proto.protected = p === undefined ? true : !!p; return this; };
  Action.prototype.materialized = function (m) { this.proto.materialized = !!m; return this; };
  Action.prototype.uniqueKey = function (k) { this.proto.uniqueKey = typeof k === "string" ? [k] : k; return this; };
  Action.prototype.bigquery = function (b) {
    var bq = {};
    for (var i = 0; i < BIGQUERY_OPTION_KEYS.length; i++) {
      var k = BIGQUERY_OPTION_KEYS[i], v = b[k];
      if (v === undefined || v === null || v === false || v === "" || v === 0) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
      if ((k === "labels" || k === "additionalOptions") && typeof v === "object" && nonStringValue(v) !== null) {
        compileError("bigquery's " + k + " must have strings as values, got " + typeOf(v[nonStringValue(v)]) + " for " + nonStringValue(v),
          this.fileName, readable(this.target), null, typeHint(k, v, "stringMap"));
        continue;
      }
      bq[k] = k === "clusterBy" && typeof v === "string" ? [v] : v;
    }
    if (Object.keys(bq).length > 0) this.proto.bigquery = bq;
    if (b.labels && Object.keys(b.labels).length > 0) this.descriptor().bigqueryLabels = b.labels;
    return this;
  };
  Action.prototype.type = function (t) {
    if (["table", "view", "incremental"].indexOf(t) < 0) throw new Error("Unexpected table type: " + t);
    this.kind = t;
    this.proto.type = t;
    return this;
  };
  Action.prototype.assertions = function (a, location) {
    var self = this;
    var prefix = projectConfig.builtinAssertionNamePrefix ? projectConfig.builtinAssertionNamePrefix + "_" : "";
    var uniqueKey = typeof a.uniqueKey === "string" ? [a.uniqueKey] : a.uniqueKey;
    var uniqueKeys = (a.uniqueKeys || []).map(keyList);
    if (uniqueKey && uniqueKey.length && uniqueKeys.length) {
      compileError("Specify at most one of 'assertions.uniqueKey' and 'assertions.uniqueKeys'.", this.fileName, readable(this.target),
        location, "uniqueKey is one key; uniqueKeys is a list of keys, each checked by its own assertion: keep one of them", "uniqueKeys");
    }
    if (uniqueKey && uniqueKey.length) uniqueKeys = [uniqueKey];
    var base = (this.target.schema || "") + "_" + this.target.name; // Dataform's empty dataset when none is set
    // a built-in assertion is written where its table's assertions are configured
    var at = location || callerLocation(), line = at.fileName === this.fileName ? at.line : 0;
    for (var i = 0; i < uniqueKeys.length; i++) {
      if (!(i in uniqueKeys)) continue; // a hole, as forEach skips it
      var assertion = newAssertion(prefix + base + "_assertions_uniqueKey_" + i, {}, self.fileName)
        .query(builtInQuery(self, indexAssertion, uniqueKeys[i]));
      assertion.parentAction = self.target;
      assertion.builtIn = true;
      assertion.sqlStartLine = line;
      if (self.proto.tags.length) assertion.tags(self.proto.tags);
      if (self.proto.disabled) assertion.disabled();
      self.uniqueKeyAssertions.push(assertion);
    }
    var conditions = (a.rowConditions || []).slice();
    if (a.nonNull) (typeof a.nonNull === "string" ? [a.nonNull] : a.nonNull).forEach(pushNotNull, conditions);
    if (conditions.length) {
      var rc = newAssertion(prefix + base + "_assertions_rowConditions", {}, self.fileName)
        .query(builtInQuery(self, rowConditionsAssertion, conditions));
      rc.parentAction = self.target;
      rc.builtIn = true;
      rc.sqlStartLine = line;
      if (self.proto.disabled) rc.disabled();
      if (self.proto.tags.length) rc.tags(self.proto.tags);
      self.rowConditionsAssertion = rc;
    }
    return this;
  };
  // Helpers of assertions(), which then makes no closure of its own (see sqlxAction's helpers)
  function keyList(k) { return Array.isArray(k) ? k : (k.uniqueKey || []); }
  /** Called with the list of conditions as this. */
  function pushNotNull(column) { this.push(column + " IS NOT NULL"); }
  /** The query of a built-in assertion: {@code sql} of the table of {@code action} (where it is at compile time) and {@code arg}. */
  function builtInQuery(action, sql, arg) {
    return function (ctx) { return sql(ctx.ref(action.target), arg); };
  }

  Action.prototype.config = function () {
    // Dataform 3's actions have no config() ("publish(...).config is not a function")
    throw new Error(".config() is not a function of an action in Dataform 3: give the config as the second argument,"
      + " e.g. publish(\"name\", { type: \"table\" })");
  };

  function indexAssertion(table, keys) {
    var k = keys.join(", ");
    return "\nSELECT\n  *\nFROM (\n  SELECT\n    " + k + ",\n    COUNT(1) AS index_row_count\n  FROM " + table +
      "\n  GROUP BY " + k + "\n  ) AS data\nWHERE index_row_count > 1\n";
  }

  function sqlString(s) { return "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'"; }

  function rowConditionsAssertion(table, conditions) {
    var sql = "";
    for (var i = 0; i < conditions.length; i++) {
      if (i > 0) sql += "UNION ALL";
      // a hole adds nothing between the separators, as map() and join() leave it
      if (i in conditions) sql += "\nSELECT\n  " + sqlString(conditions[i]) + " AS failing_row_condition,\n  *\nFROM " + table + "\nWHERE NOT (" + conditions[i] + ")\n";
    }
    return sql;
  }

  /** A column in the form of Dataform's own API: { path: [...], description, tags, bigqueryPolicyTags }. */
  function columnProto(c) {
    var d = { path: typeof c.path === "string" ? [c.path] : c.path };
    if (c.description) d.description = c.description;
    if (c.tags) d.tags = typeof c.tags === "string" ? [c.tags] : c.tags;
    if (c.bigqueryPolicyTags) d.bigqueryPolicyTags = typeof c.bigqueryPolicyTags === "string" ? [c.bigqueryPolicyTags] : c.bigqueryPolicyTags;
    return d;
  }

  function columnDescriptors(path, columns) {
    var out = [], names = Object.keys(columns || {});
    for (var i = 0; i < names.length; i++) {
      var value = columns[names[i]], p = path.concat([names[i]]);
      if (typeof value === "string") { out.push({ path: p, description: value }); continue; }
      if (!value) continue;
      var d = { path: p };
      if (value.description) d.description = value.description;
      if (value.tags) d.tags = typeof value.tags === "string" ? [value.tags] : value.tags;
      if (value.bigqueryPolicyTags) d.bigqueryPolicyTags = typeof value.bigqueryPolicyTags === "string" ? [value.bigqueryPolicyTags] : value.bigqueryPolicyTags;
      out.push(d);
      if (value.columns) out = out.concat(columnDescriptors(p, value.columns));
    }
    return out;
  }

  /** The config with Dataform's proto names (dataset, project, dependencyTargets) read as schema, database, dependencies. */
  function withConfigNames(c) {
    if (c.dataset === undefined && c.project === undefined && c.dependencyTargets === undefined) return c;
    var out = {}, keys = Object.keys(c);
    for (var i = 0; i < keys.length; i++) out[keys[i]] = c[keys[i]];
    if (out.schema === undefined && typeof c.dataset === "string") out.schema = c.dataset;
    if (out.database === undefined) out.database = c.project;
    if (out.dependencies === undefined) out.dependencies = c.dependencyTargets;
    return out;
  }

  /** Applies a config object in the order Dataform applies it. */
  function applyConfig(action, c, location, validated) {
    if (!validated && !validateConfig(c.type || action.kind, c, location)) {
      // as in Dataform, an action whose config is refused is not registered (chained calls still work)
      var at = actions.indexOf(action);
      if (at >= 0) actions.splice(at, 1);
      return;
    }
    c = withConfigNames(c);
    action.configLocation = location; // where a check made when the action compiles reports a config key
    if (c.type && c.type !== action.kind && isDataset(c.type)) action.type(c.type);
    if (c.name) action.target = makeTarget(c.name, action.target.schema, action.target.database, action.kind === "assertion");
    if (c.database || c.schema) action.retarget(c.database, c.schema);
    action.canonicalTarget = action.target;
    // Dataform's assertions have no such setting and ignore the key; set before the dependencies it applies to
    if (c.dependOnDependencyAssertions !== undefined && action.kind !== "assertion") {
      action.setDependOnDependencyAssertions(c.dependOnDependencyAssertions);
    }
    if (c.dependencies) action.dependencies(c.dependencies, location);
    if (action.kind !== "declaration" && action.kind !== "assertion") action.hermetic(!!c.hermetic);
    else if (action.kind === "assertion" && c.hermetic) action.hermetic(true);
    if (c.disabled) action.disabled();
    if (c.tags) action.tags(c.tags);
    if (c.description) action.description(c.description);
    if (c.columns) action.columns(c.columns);
    if (c.hasOutput) action.hasOutput(c.hasOutput);
    if (c.uniqueKey) action.uniqueKey(c.uniqueKey);
    if (action.kind === "incremental") action.protected(!!c.protected);
    if (c.onSchemaChange !== undefined) {
      if (["IGNORE", "FAIL", "EXTEND", "SYNCHRONIZE"].indexOf(String(c.onSchemaChange).toUpperCase()) < 0) {
        compileError("onSchemaChange must be IGNORE, FAIL, EXTEND or SYNCHRONIZE, got " + JSON.stringify(c.onSchemaChange), action.fileName,
          readable(action.target), location, "use one of IGNORE (the default), FAIL, EXTEND, SYNCHRONIZE");
        action.leftOut = true; // as in Dataform, whose config parsing throws for it
      } else {
        action.proto.onSchemaChange = String(c.onSchemaChange).toUpperCase();
      }
    }
    if (c.materialized) action.materialized(c.materialized);
    if (c.preOperations) action.preOps(c.preOperations);
    if (c.postOperations) action.postOps(c.postOperations);
    if (c.assertions) action.assertions(c.assertions, location);
    if (!isDataset(action.kind)) return;
    var bq = {}, i, k;
    for (i = 0; i < BIGQUERY_OPTION_KEYS.length; i++) {
      k = BIGQUERY_OPTION_KEYS[i];
      if (c[k] !== undefined) bq[k] = c[k];
    }
    if (c.bigquery) {
      // as in Dataform, an option set in bigquery: { } replaces the same option set beside it
      var own = Object.keys(c.bigquery);
      for (i = 0; i < own.length; i++) bq[own[i]] = c.bigquery[own[i]];
    }
    if (Object.keys(bq).length) action.bigquery(bq);
    checkPartitionOptions(action, bq, location);
    if (action.kind === "incremental" && c.incrementalStrategy !== undefined) setIncrementalStrategy(action, c.incrementalStrategy, bq, location);
  }

  /** MERGE (on uniqueKey) or INSERT_OVERWRITE (of the partitions the new rows fall in), checked as Dataform checks them. */
  function setIncrementalStrategy(action, value, bq, location) {
    var strategy = String(value).toUpperCase();
    var fail = function (message, hint) { compileError(message, action.fileName, readable(action.target), location, hint); };
    if (strategy !== "MERGE" && strategy !== "INSERT_OVERWRITE") {
      fail("IncrementalStrategy value " + JSON.stringify(String(value)) + " is not supported", "use MERGE or INSERT_OVERWRITE");
      action.leftOut = true; // as in Dataform, whose config parsing throws for it
      return;
    }
    action.proto.incrementalStrategy = strategy;
    if (strategy === "MERGE" && !(action.proto.uniqueKey && action.proto.uniqueKey.length)) {
      fail("IncrementalStrategy 'merge' requires 'uniqueKey' to be set", "add uniqueKey: [\"...\"], or drop incrementalStrategy");
    } else if (strategy === "INSERT_OVERWRITE" && !bq.partitionBy) {
      fail("IncrementalStrategy 'insert_overwrite' requires 'partitionBy' to be set", "add bigquery: { partitionBy: \"...\" }");
    }
  }

  /** Options BigQuery would reject at deployment, reported as Dataform reports them for a config. */
  function checkPartitionOptions(action, bq, location) {
    var clustered = bq.clusterBy && bq.clusterBy.length;
    if (action.kind === "view" && !action.proto.materialized && (bq.partitionBy || clustered)) {
      compileError("partitionBy/clusterBy can be applied only to materialized views", action.fileName, readable(action.target), location,
        "set materialized: true, or drop partitionBy and clusterBy");
    }
    if (action.kind !== "view" && !bq.partitionBy && (bq.partitionExpirationDays || bq.requirePartitionFilter)) {
      compileError("requirePartitionFilter/partitionExpirationDays are not valid for non partitioned BigQuery tables", action.fileName,
        readable(action.target), location, "add partitionBy, or drop these options");
    }
  }

  function newAction(kind, config, fileName) {
    if (compiling) {
      // registered while an action's SQL compiles (a SQLX js block runs there, once per query of an incremental
      // table): in the file of that action, once
      fileName = compiling.action.fileName;
      for (var i = compiling.count; i < actions.length; i++) {
        var same = actions[i];
        if (same.kind === kind && same.fileName === fileName && same.target.name === config.name && same.lateChunk === compiling.chunk) return same;
      }
    }
    var action = new Action(kind, config, fileName);
    if (compiling) action.lateChunk = compiling.chunk;
    actions.push(action);
    return action;
  }

  /**
   * The action being compiled, while its SQL is: Dataform compiles the tables and views, then the operations, the
   * assertions and the declarations, each kind as registered when its turn starts, so an action registered while
   * another compiles is compiled only when its kind's turn comes later (an assertion a table's js block makes).
   */
  var compiling = null;
  function chunkOf(kind) {
    return isDataset(kind) ? 0 : kind === "operations" ? 1 : kind === "assertion" ? 2 : 3;
  }

  /**
   * The name publish(), operate() or assert() was given: as in Dataform, the file's base name when none is
   * (publish().query(...) in definitions/x.js is x); a value that is no name is refused at the call. While an
   * action's SQL compiles (a SQLX js block), no file loads: the file is that action's, as newAction() takes it.
   */
  function apiName(call, name) {
    var path = compiling ? compiling.action.fileName : currentFile;
    if (!name && path) {
      var file = path.substring(path.lastIndexOf("/") + 1);
      return file.lastIndexOf(".") > 0 ? file.substring(0, file.lastIndexOf(".")) : file;
    }
    if (typeof name !== "string") {
      throw new Error(call + "() takes the action's name first, a string, not " + typeOf(name) + ": " + call + "(\"name\", { ... })");
    }
    return name;
  }

  /**
   * The name an API action is registered under: the config's where it wins, so that a js block that runs again (an
   * incremental table's, once per query) finds the action it made; the first argument where the config's name is
   * no text, which the config's check reports.
   */
  function registeredName(merged, name) {
    return typeof merged.name === "string" ? merged.name : name;
  }

  /** Actions of the JavaScript API start at the line of their publish/operate/assert call. */
  function newApiAction(kind, name) {
    var action = newAction(kind, { name: name }, currentFile);
    var loc = callerLocation(currentFile);
    if (loc.fileName === currentFile) action.sqlStartLine = loc.line;
    return action;
  }

  function newAssertion(name, config, fileName) {
    return newAction("assertion", { name: name }, fileName);
  }

  // ---- the public API of definitions/*.js ----

  function publish(name, queryOrConfig) {
    name = apiName("publish", name);
    var loc = callerLocation();
    var config = queryOrConfig && typeof queryOrConfig === "object" ? queryOrConfig : {};
    var type = config.type || "view";
    if (["table", "view", "incremental"].indexOf(type) < 0) throw new Error("Unrecognized table type: " + type);
    // as in Dataform, a name in the config wins over the first argument, and an empty one gives the file's name
    var merged = { name: name };
    Object.keys(config).forEach(function (k) { merged[k] = config[k]; });
    merged.type = type;
    if (!merged.name) merged.name = apiName("publish", "");
    var action = newApiAction(type, registeredName(merged, name));
    action.hermetic(false);
    if (type === "incremental") action.protected(false);
    applyConfig(action, merged, loc);
    if (queryOrConfig !== undefined && typeof queryOrConfig !== "object") action.query(queryOrConfig);
    return action;
  }

  function operate(name, queriesOrConfig) {
    name = apiName("operate", name);
    var isConfig = queriesOrConfig && typeof queriesOrConfig === "object" && !Array.isArray(queriesOrConfig);
    // as Dataform, registers nothing on a config it refuses; chained calls still work
    if (isConfig && !rejectLegacyNames(queriesOrConfig, "operations")) return new Action("operations", { name: name }, currentFile);
    var merged = { type: "operations", name: name };
    if (isConfig) {
      Object.keys(queriesOrConfig).forEach(function (k) { merged[k] = queriesOrConfig[k]; });
      merged.type = "operations"; // Dataform ignores a type given here (operate("o", { type: "table" }) is an operation)
      if (!merged.name) merged.name = apiName("operate", ""); // as in Dataform, as publish() does
    }
    var action = newApiAction("operations", registeredName(merged, name));
    action.hermetic(false);
    if (isConfig) {
      // without a type, Dataform's own config takes columns as [{ path: [...], description }]
      var protoColumns = queriesOrConfig.type === undefined && Array.isArray(merged.columns) ? merged.columns : null;
      if (protoColumns) delete merged.columns;
      applyConfig(action, merged, callerLocation());
      if (protoColumns && protoColumns.length) action.columns(protoColumns);
    } else if (queriesOrConfig !== undefined) {
      action.queries(queriesOrConfig);
    }
    return action;
  }

  function assert(name, queryOrConfig) {
    name = apiName("assert", name);
    var isConfig = queryOrConfig && typeof queryOrConfig === "object";
    var merged = { type: "assertion", name: name };
    if (isConfig) {
      Object.keys(queryOrConfig).forEach(function (k) { merged[k] = queryOrConfig[k]; });
      merged.type = "assertion"; // Dataform ignores a type given here, as operate() does
      if (!merged.name) merged.name = apiName("assert", ""); // as in Dataform, as publish() does
    }
    var action = newApiAction("assertion", registeredName(merged, name));
    if (isConfig) {
      applyConfig(action, merged, callerLocation());
    } else if (queryOrConfig !== undefined) {
      action.query(queryOrConfig);
    }
    return action;
  }

  /**
   * operate() passes a config without a type to Dataform as its own action config, which names
   * schema, database and dependencies dataset, project and dependencyTargets (assert() does not).
   */
  function rejectLegacyNames(config, type) {
    if (config.type !== undefined) return true;
    var ok = true, loc = callerLocation();
    [["schema", "dataset"], ["database", "project"], ["dependencies", "dependencyTargets"]].forEach(function (names) {
      if (config[names[0]] !== undefined) {
        ok = false;
        compileError("Unexpected property \"" + names[0] + "\": without a type, Dataform reads this config by its own names", null, null,
          loc, "write " + names[1] + ", or add type: \"" + type + "\"", names[0]);
      }
    });
    var columnsProblem = type === "operations" ? protoColumnsProblem(config.columns) : null;
    if (columnsProblem) {
      ok = false; // Dataform's own config has no { name: description } form of columns, and its column has these fields only
      compileError("Unexpected property \"columns\": without a type, Dataform reads columns as [{ path: [...], description }]"
        + " (" + columnsProblem + ")", null, null,
        loc, "write columns: [{ path: [\"a\"], description: \"...\" }], or add type: \"operations\"", "columns");
    }
    return ok;
  }

  var PROTO_COLUMN_FIELDS = ["path", "description", "tags", "bigqueryPolicyTags"];

  /** What is wrong with columns written as Dataform's own column descriptors, or null. */
  function protoColumnsProblem(columns) {
    if (!columns || typeof columns !== "object") return null;
    if (!Array.isArray(columns)) return Object.keys(columns).length ? "an object of names" : null;
    for (var i = 0; i < columns.length; i++) {
      var c = columns[i];
      if (!c || typeof c !== "object") return "column " + i + " is no object";
      var unknown = Object.keys(c).filter(function (k) { return PROTO_COLUMN_FIELDS.indexOf(k) < 0; });
      if (unknown.length) return "column " + i + " has " + unknown[0];
      if (!Array.isArray(c.path)) return "the path of column " + i + " is no list of names";
    }
    return null;
  }

  function declare(config) {
    var c = {};
    Object.keys(config || {}).forEach(function (k) { c[k] = config[k]; });
    c.type = "declaration";
    if (!c.name) {
      compileError("Declarations must have a populated 'name' field.", currentFile, null, callerLocation(),
          "declare({ schema: \"dataset\", name: \"table\" })");
      return new Action("declaration", { name: "" }, currentFile); // chained calls still work; nothing is registered
    }
    var action = newAction("declaration", { name: c.name }, currentFile);
    var loc = callerLocation(currentFile);
    if (loc.fileName === currentFile) action.sqlStartLine = loc.line; // where a missing source is reported
    applyConfig(action, c, callerLocation());
    return action;
  }

  function Test(name, fileName) {
    this.name = name;
    this.fileName = fileName;
    this.datasetResolvable = null;
    this.inputs = [];
    this.contextableExpected = null;
  }
  Test.prototype.config = function (c) {
    // Dataform refuses a key tests do not take (disabled, tags), which would otherwise be ignored and the test run;
    // as there, the test's dataset is still read, so that it is not also reported missing
    validateConfig("test", c, this.location);
    if (c.dataset) this.dataset(c.dataset);
    if (c.name) this.name = c.name;
    return this;
  };
  Test.prototype.dataset = function (d) { this.datasetResolvable = typeof d === "string" ? resolvableFromString(d) : toResolvable([d]); return this; };
  Test.prototype.input = function (refName, contextable) {
    this.inputs.push({ resolvable: typeof refName === "string" ? resolvableFromString(refName) : toResolvable([refName]), contextable: contextable });
    return this;
  };
  Test.prototype.expect = function (contextable) { this.contextableExpected = contextable; return this; };

  function test(name) {
    if (!name || typeof name !== "string") {
      throw new Error("test() takes the test's name, a string, not " + (name === "" ? "an empty one" : typeOf(name)) + ": test(\"name\")");
    }
    var t = new Test(name, currentFile);
    t.location = callerLocation();
    tests.push(t);
    return t;
  }

  /** Entry point of compiled SQLX files. */
  function sqlxAction(spec) {
    var config = spec.config, type = config.hasOwnProperty("type") ? config.type : "operations";
    var location = { fileName: spec.fileName, line: spec.configLine, column: spec.configColumn, original: true };
    if (spec.sqlStatementCount > 1 && type !== "operations") sqlxError(spec, location, "Actions may only contain more than one SQL statement if they are of type 'operations'.", "split the file or use type: \"operations\"");
    if (config.hasOwnProperty("protected") && type !== "incremental") sqlxError(spec, location, "Actions may only specify 'protected: true' if they are of type 'incremental'.", "remove protected");
    if (spec.incrementalWhere && type !== "incremental") sqlxError(spec, location, "Actions may only include incremental_where if they are of type 'incremental'.", "remove the incremental_where block");
    if (spec.inputs.length > 0 && type !== "test") sqlxError(spec, location, "Actions may only include input blocks if they are of type 'test'.", "remove the input blocks");
    var createsDataset = isDataset(type);
    if (spec.preOps && !createsDataset) sqlxError(spec, location, "Actions may only include pre_operations if they create a dataset.", "remove the pre_operations block");
    if (spec.postOps && !createsDataset) sqlxError(spec, location, "Actions may only include post_operations if they create a dataset.", "remove the post_operations block");
    if (!CONFIG_KEYS[type]) { sqlxError(spec, location, "Unrecognized action type: " + type, "use one of table, view, incremental, operations, assertion, declaration, test"); return; }
    if (type === "test") {
      sqlxTest(spec, location);
      return;
    }
    if (!validateConfig(type, config, location)) return;
    var action = newAction(type, { name: config.name }, spec.fileName);
    // a declaration has no SQL: a missing source is reported at its config, not after it (the file's end)
    action.sqlStartLine = type === "declaration" ? spec.configLine : spec.sqlStartLine;
    applyConfig(action, config, location, true); // validated just above, with the same type
    if (type === "operations") action.queries(spec.sql);
    else if (type !== "declaration") action.query(firstStatement(spec.sql));
    if (spec.incrementalWhere) action.where(spec.incrementalWhere);
    if (spec.preOps) action.preOps(spec.preOps);
    if (spec.postOps) action.postOps(spec.postOps);
  }

  // sqlxAction's helpers hold its closures and error reports, so that sqlxAction itself needs no
  // activation object in Rhino's interpreter (a function that makes a closure gets one per call).

  /** A SQLX file's misplaced block or option, reported at its config. */
  function sqlxError(spec, location, message, hint) {
    errors.push({ message: message, hint: hint, fileName: spec.fileName, line: location.line, column: location.column,
      actionName: spec.config.name, mapped: true });
  }

  /** The first statement of a SQLX file's SQL, as a function of the context. */
  function firstStatement(sql) {
    return function (ctx) { return sql(ctx)[0]; };
  }

  function sqlxTest(spec, location) {
    var t = test(spec.config.name);
    t.location = location;
    t.config(spec.config).expect(firstStatement(spec.sql));
    t.sqlStartLine = spec.sqlStartLine;
    spec.inputs.forEach(function (input) {
      var n = input.names;
      t.input(n.length === 1 ? n[0] : n.length === 2 ? { schema: n[0], name: n[1] } : { database: n[0], schema: n[1], name: n[2] }, input.sql);
    });
  }

  // ---- compilation ----

  function Context(action, isIncremental) {
    this.action = action;
    this.isIncremental = !!isIncremental;
  }
  // rest parameters rather than arguments: a function that reads arguments gets an activation object per call
  Context.prototype.ref = function (...args) {
    var r = toResolvable(args);
    if (!r.name) { compileError("Action name is not specified"); return ""; }
    // Only a ref that does not resolve to exactly one action needs its location (for the error).
    var found = findActions(r);
    if (found.length !== 1) {
      var loc = callerLocation();
      if (loc.fileName === this.action.fileName) {
        r.line = loc.line;
        r.column = loc.column || 0;
        r.mapped = !!loc.mapped;
      }
    }
    this.action.addDependency(r);
    return resolve(r, false, found);
  };
  Context.prototype.resolve = function (...args) { return resolve(toResolvable(args), true); };
  Context.prototype.self = function () { return nameInSql(this.action); };
  Context.prototype.name = function () { return finalizeName(this.action.target.name); };
  Context.prototype.schema = function () { return finalizeSchema(this.action.target.schema); };
  Context.prototype.database = function () {
    if (!this.action.target.database) {
      compileError("Warehouse does not support multiple databases", null, null, null,
        "set defaultProject in workflow_settings.yaml, or give the action a database");
      return "";
    }
    return finalizeDatabase(this.action.target.database);
  };
  Context.prototype.when = function (cond, yes, no) { return cond ? yes : (no === undefined ? "" : no); };
  Context.prototype.incremental = function () { return this.isIncremental; };
  Context.prototype.dependencies = function (d) { this.action.dependencies(d); return ""; };
  Context.prototype.disabled = function () { this.action.disabled(); return ""; };
  Context.prototype.tags = function (t) { this.action.tags(t); return ""; };
  Context.prototype.preOps = function (p) { this.action.preOps(p); return ""; };
  Context.prototype.postOps = function (p) { this.action.postOps(p); return ""; };
  Context.prototype.where = function (w) { this.action.where(w); return ""; };
  Context.prototype.bigquery = function (b) { this.action.bigquery(b); return ""; };
  Context.prototype.hasOutput = function (h) { this.action.hasOutput(h); return ""; };

  function apply(contextable, ctx) {
    currentAt = null;
    if (typeof contextable !== "function") return contextable;
    var previous = atFile;
    atFile = ctx.action.fileName;
    try {
      return contextable(ctx);
    } finally {
      atFile = previous;
    }
  }

  /** {@code list}: an action's own list of pre- or post-operations, most often empty. */
  function applyOps(list, ctx) {
    if (list.length === 0) return [];
    var out = [];
    // up to the length it had, as forEach: ctx.preOps() adds to the list
    for (var i = 0, n = list.length; i < n; i++) out = out.concat(apply(list[i], ctx));
    return statements(out);
  }

  /** SQL statements as given: a function inside an array is not called (Dataform fails on it too). */
  function statements(list) {
    // by index, not forEach: a hole ([a, , b]) is undefined, as in the query, not skipped
    for (var i = 0, n = list.length; i < n; i++) checkStatement(list[i]);
    return list;
  }

  function checkStatement(sql) {
    if (typeof sql !== "string") {
      throw new Error("a statement must be SQL text, not " + typeOf(sql) + ": give a string, an array of strings,"
          + " or one function of the context that returns either");
    }
  }

  function isNotBlank(sql) {
    return !!String(sql).trim();
  }

  /** Checks Dataform makes on every action's target and SQL, so that what compiles here deploys there. */
  function validateCompiled(a) {
    var where = { fileName: a.fileName, line: 0 };
    if (a.target.name && a.target.name.indexOf(".") >= 0) compileError("Action target names cannot include '.'", a.fileName, readable(a.target), where, "name the action (or its file) without dots; set the dataset with schema");
    if (a.target.schema && a.target.schema.indexOf(".") >= 0) compileError("Action target datasets cannot include '.'", a.fileName, readable(a.target), where, "set the project with database and the dataset with schema");
    var queries = [a.proto.query, a.proto.incrementalQuery];
    for (var i = 0; i < queries.length; i++) {
      var q = queries[i];
      if (typeof q === "string" && q.trim().slice(-1) === ";") reportSemicolon(a, q, where);
    }
  }

  /** As Dataform, once the chained calls are in (a later .hasOutput(true) counts): columns describe the operation's table. */
  function checkColumnsHaveOutput(a) {
    var columns = a.proto.actionDescriptor && a.proto.actionDescriptor.columns;
    if (!columns || !columns.length || a.proto.hasOutput) return;
    compileError("Actions of type 'operations' may only describe columns if they specify 'hasOutput: true'.", a.fileName, readable(a.target),
      a.configLocation || { fileName: a.fileName, line: 0 }, "add hasOutput: true if the operation creates the table named after it,"
      + " or drop the columns", "columns");
  }

  function reportSemicolon(a, q, where) {
    // the semicolon's place: the SQL's first line plus the lines of the SQL before it, at the end of its line
    var body = q.replace(/\s+$/, ""), column = body.length - body.lastIndexOf("\n") - 1;
    var at = a.sqlStartLine ? { fileName: a.fileName, line: a.sqlStartLine + (q.trim().match(/\n/g) || []).length, column: column, mapped: true } : where;
    compileError("Semi-colons are not allowed at the end of SQL statements.", a.fileName, readable(a.target), at, "remove the trailing semicolon");
  }

  /** The error of an action whose SQL is no text: most often a function with a { } body that returns nothing. */
  function notSql(a, method, contextable, value) {
    var e = new Error("The " + (method === "queries" ? "statements" : "query") + " of " + readable(a.target) + " must be "
      + (method === "queries" ? "a string or an array of strings" : "a string") + ", got " + typeOf(value));
    e.porygonHint = typeof contextable === "function" && value === undefined
      ? "the function given to ." + method + "() returned nothing: an arrow function with a { } body needs a return statement"
      : contextable === null || contextable === undefined ? "give it SQL: ." + method + "(\"SELECT ...\")" : null;
    return e;
  }

  function compileAction(a) {
    var p = a.proto, ctx = new Context(a, false);
    if (isDataset(a.kind)) {
      p.type = a.kind;
      p.query = apply(a.contextableQuery, ctx);
      var preOps = applyOps(a.contextablePreOps, ctx), postOps = applyOps(a.contextablePostOps, ctx);
      if (a.kind === "incremental") {
        var ictx = new Context(a, true);
        p.incrementalQuery = apply(a.contextableQuery, ictx);
        p.incrementalPreOps = applyOps(a.contextablePreOps, ictx);
        p.incrementalPostOps = applyOps(a.contextablePostOps, ictx);
      }
      if (a.contextableWhere) p.where = apply(a.contextableWhere, ctx);
      p.preOps = preOps.length ? preOps.filter(isNotBlank) : preOps;
      p.postOps = postOps.length ? postOps.filter(isNotBlank) : postOps;
      if (typeof p.query !== "string") throw notSql(a, "query", a.contextableQuery, p.query);
    } else if (a.kind === "operations") {
      var q = apply(a.contextableQueries, ctx);
      if (q === undefined && typeof a.contextableQueries === "function") throw notSql(a, "queries", a.contextableQueries, q);
      // blank statements are kept, as Dataform keeps them; the runner skips them
      p.queries = statements(typeof q === "string" ? [q] : Array.isArray(q) ? q : q == null ? [] : [q]);
      checkColumnsHaveOutput(a);
    } else if (a.kind === "assertion") {
      p.query = apply(a.contextableQuery, ctx);
      // the runner counts the rows of the query: an assertion without one cannot run
      if (typeof p.query !== "string") throw notSql(a, "query", a.contextableQuery, p.query);
      if (a.parentAction) p.parentAction = a.parentAction;
      if (projectConfig.disableAssertions) p.disabled = true;
    }
    validateCompiled(a);
  }

  function compileTest(t) {
    var out = { name: t.name, fileName: t.fileName, sqlStartLine: t.sqlStartLine || 0,
      schema: t.datasetResolvable && t.datasetResolvable.schema || null,
      database: t.datasetResolvable && t.datasetResolvable.database || null };
    // at the test's config (its dataset key when there is one) or its test() call
    var testError = function (message, hint, missing) {
      var at = t.location || { line: 0 };
      errors.push({ message: message, hint: hint, fileName: t.fileName, line: at.line, column: at.column || 0, actionName: t.name,
        mapped: !!(at.original || at.mapped), property: "dataset", missing: missing || null });
    };
    if (!t.datasetResolvable) {
      testError("A dataset to test must be set with the dataset config or .dataset()", "name the table or view under test: dataset: \"name\"");
      return out;
    }
    // As in Dataform, a schema or database left out of a test's dataset is the default one, and the dataset is found
    // by the actions' targets, moved by .schema() or .database() of the JavaScript API (not their canonical targets)
    var wanted = { name: t.datasetResolvable.name, schema: t.datasetResolvable.schema || projectConfig.defaultSchema || undefined,
      database: t.datasetResolvable.database || projectConfig.defaultDatabase || undefined };
    var found = (index.get(wanted.name) || []).filter(function (a) {
      var c = a.target;
      return (!wanted.schema || c.schema === wanted.schema) && (!wanted.database || c.database === wanted.database);
    });
    if (found.length !== 1) {
      var sameName = index.get(wanted.name) || [], near = closest(wanted.name || "", actions.map(function (a) { return a.target.name; }));
      testError(found.length ? "Ambiguous dataset of test " + t.name : "Could not find the dataset of test " + t.name + ": " + JSON.stringify(wanted),
        sameName.length ? "give its schema: dataset: { " + (sameName[0].target.database && sameName[0].target.database !== wanted.database
          ? "database: \"" + sameName[0].target.database + "\", " : "") + "schema: \"" + sameName[0].target.schema + "\", name: \"" + wanted.name + "\" }"
          : near ? "did you mean " + near + "?" : actions.length ? "name a table or view of the project" : "the project has no table or view to test",
        found.length ? null : wanted.name);
      return out;
    }
    var dataset = found[0];
    out.testedTarget = dataset.target;
    if (dataset.kind === "incremental" || ["table", "view"].indexOf(dataset.kind) < 0) {
      testError("Tests are only supported for tables and views; " + readable(dataset.target) + " is " + (dataset.kind === "incremental" ? "an incremental table" : dataset.kind === "operations" ? "an operation" : "a " + dataset.kind),
        "test a table or view that holds the same logic (an incremental table can read it)");
      return out;
    }
    var inputs = t.inputs;
    // as in Dataform, the model's query runs with setters that change nothing, and self(), name(),
    // schema() and database() give ""
    var testCtx = new Context(dataset, false);
    ["dependencies", "disabled", "tags", "preOps", "postOps", "where", "bigquery", "hasOutput", "self", "name", "schema",
      "database"].forEach(function (fn) { testCtx[fn] = function () { return ""; }; });
    testCtx.ref = function () {
      var r = toResolvable(arguments);
      var matches = inputs.filter(function (i) {
        return i.resolvable.name === r.name && (!r.schema || !i.resolvable.schema || i.resolvable.schema === r.schema);
      });
      // a ref to no action of the project: the model's own compile reports it (with a "did you mean"), and asking the
      // test for an input of that name would point at the wrong fix
      if (matches.length === 0 && findActions(r).length === 0) return "";
      if (matches.length === 0) {
        testError("Input for dataset " + JSON.stringify(r) + " has not been provided.",
          "give the test an input \"" + r.name + "\" { SELECT ... } block (or .input(\"" + r.name + "\", \"SELECT ...\"))");
        return "";
      }
      // given twice, the last one counts, as in Dataform
      return "(" + apply(matches[matches.length - 1].contextable, noContext(t.fileName, "a test's input rows")) + ")";
    };
    testCtx.resolve = testCtx.ref;
    try {
      out.testQuery = apply(dataset.contextableQuery, testCtx);
    } catch (e) {
      // The model's query threw what it threw when the model compiled: that error, placed as this one would be but
      // naming the model's call of an include, is reported once (Dataform reports it again, in the test's file).
      var again = dataset.sqlError && exceptionError(e, dataset.fileName, dataset.sqlError.actionName, dataset.sqlStartLine);
      if (again && JSON.stringify(again) === JSON.stringify(dataset.sqlError)) return null;
      throw e;
    }
    out.expectedOutputQuery = apply(t.contextableExpected, noContext(t.fileName, "a test's expected rows"));
    return out;
  }

  /** Dataform gives a test's input and expected rows no context: self(), ref(), when()... are "not a function" there. */
  function noContext(fileName, where) {
    var ctx = { action: { fileName: fileName } };
    ["self", "ref", "resolve", "name", "when", "incremental", "schema", "database"].forEach(function (fn) {
      ctx[fn] = function () {
        throw new Error(fn + "() is not available in " + where + ": Dataform gives them no context and fails there;"
          + " write the rows as literals");
      };
    });
    return ctx;
  }

  function plain(a) {
    return {
      kind: a.kind, target: a.target, canonicalTarget: a.canonicalTarget, fileName: a.fileName,
      proto: a.proto, deps: a.deps, sqlStartLine: a.sqlStartLine || 0, builtIn: !!a.builtIn
    };
  }

  // ---- CommonJS modules: Java defines one factory per .js file; require() runs it once ----

  const modules = {};
  const moduleCache = {};
  // .js files that did not parse: their syntax error is reported in them, so a require() of one says so, and Java
  // drops what it throws instead of reporting it again as a missing module
  const unparsed = {};

  function normalizePath(name, from) {
    var parts = name.charAt(0) === "." && from ? from.split("/").slice(0, -1) : [];
    var segments = name.split("/"), i;
    for (i = 0; i < segments.length; i++) {
      if (segments[i] === "..") parts.pop();
      else if (segments[i] !== "." && segments[i] !== "") parts.push(segments[i]);
    }
    var path = parts.join("/");
    var candidates = [path, path + ".js", path + ".json"]; // Node's order
    for (i = 0; i < candidates.length; i++) {
      // a .js file outside includes/ and definitions/ is compiled by Java when first required
      if (modules[candidates[i]] || unparsed[candidates[i]] || (global.__porygonLoadModule && global.__porygonLoadModule(candidates[i]))) return candidates[i];
    }
    return null;
  }

  function requireModule(name, from) {
    var path = normalizePath(String(name), from);
    if (path === null) throw new Error("Cannot find module '" + name + "'" + (from ? " from " + from : "") + "; only project .js and .json files can be required");
    if (unparsed[path]) throw new Error("Module '" + name + "'" + (from ? " required from " + from : "") + " did not parse: its syntax error is reported in " + path);
    if (moduleCache[path]) return moduleCache[path].exports;
    var module = { exports: {}, filename: path };
    moduleCache[path] = module;
    var previous = currentFile;
    currentFile = path;
    var loaded = false;
    try {
      // `this` at a module's top level is the global object, as in Dataform (whose sandbox runs project files so),
      // not module.exports as in Node
      modules[path].call(global, module, module.exports, function (n) { return requireModule(n, path); });
      loaded = true;
    } finally {
      currentFile = previous;
      // as Node, a JSON file that does not parse is read again by the next require(), which fails too (not {})
      if (!loaded && /\.json$/.test(path)) delete moduleCache[path];
    }
    return module.exports;
  }

  global.__porygonConfig = function (name, c) {
    var out = { name: name, type: "operations" };
    var keys = Object.keys(c || {});
    for (var i = 0; i < keys.length; i++) out[keys[i]] = c[keys[i]];
    if (!out.name) out.name = name; // name: "" is the file's name too, as in Dataform
    return out;
  };

  // A compile that reads the clock or draws random numbers may give another result next time, so
  // Java must not reuse it: Date() and new Date() without arguments, Date.now() and Math.random()
  // still work, and mark the compile. Dates built from given values are reproducible.
  var readsClockOrRandom = false;
  const RealDate = global.Date;
  const realRandom = Math.random;
  function ClockWatchingDate(a, b, c, d, e, f, g) {
    if (!(this instanceof ClockWatchingDate)) {
      readsClockOrRandom = true;
      return RealDate();
    }
    switch (arguments.length) {
      case 0: readsClockOrRandom = true; return new RealDate();
      case 1: return readableDate(new RealDate(a), a);
      case 2: return new RealDate(a, b);
      case 3: return new RealDate(a, b, c);
      case 4: return new RealDate(a, b, c, d);
      case 5: return new RealDate(a, b, c, d, e);
      case 6: return new RealDate(a, b, c, d, e, f);
      default: return new RealDate(a, b, c, d, e, f, g);
    }
  }
  ClockWatchingDate.prototype = RealDate.prototype;
  // Dates lead back to the watcher (new d.constructor() is watched too), and Date's own properties
  // stay non-enumerable, as on the real one.
  function hidden(target, name, value) {
    Object.defineProperty(target, name, { value: value, writable: true, configurable: true, enumerable: false });
  }
  hidden(RealDate.prototype, "constructor", ClockWatchingDate);
  hidden(ClockWatchingDate, "UTC", RealDate.UTC);
  hidden(ClockWatchingDate, "parse", function parse(text) { return readableDate(new RealDate(RealDate.parse(text)), text).getTime(); });
  hidden(ClockWatchingDate, "now", function now() { readsClockOrRandom = true; return RealDate.now(); });
  global.Date = ClockWatchingDate;

  // Where Rhino and Node (which Dataform runs) write or read dates and numbers differently, the SQL
  // would differ without a word: those calls are errors that say what to write instead.
  function readableDate(date, text) {
    if (typeof text === "string" && isNaN(date.getTime())) {
      throw new Error("Date cannot read '" + text + "': Porygon's JavaScript engine (Rhino) reads only ISO 8601 dates"
          + " (2024-01-05, 2024-01-05T10:00:00Z), where Node reads more forms; write the date in ISO 8601, or pass numbers");
    }
    return date;
  }
  function differsFromNode(name, instead) {
    return function () {
      throw new Error(name + "() writes different text in Porygon's JavaScript engine (Rhino) than in Node, which Dataform runs; " + instead);
    };
  }
  ["toString", "toTimeString", "toLocaleString", "toLocaleDateString", "toLocaleTimeString"].forEach(function (m) {
    hidden(RealDate.prototype, m, differsFromNode("Date." + m, "use toISOString(), toUTCString() or the getUTC...() parts"));
  });
  hidden(Number.prototype, "toLocaleString", differsFromNode("Number.toLocaleString", "use toFixed() or String()"));
  hidden(Math, "random", function random() { readsClockOrRandom = true; return realRandom(); });

  global.__porygon = {
    setFile: function (f) { currentFile = f; },
    defineModule: function (path, factory) { modules[path] = factory; },
    didNotParse: function (path) { unparsed[path] = true; },
    require: function (path, from) { return requireModule(path, from || null); },
    requireFrom: function (from) { return function (path) { return requireModule(path, from); }; },
    // A file whose JavaScript threw: an action it left without SQL is not reported again when it compiles
    fileThrew: function (fileName) { threwFiles[fileName] = true; },
    // Where the session is (the file, and the ${} placeholder when one is being evaluated), for Java to place a failure
    // of the engine itself (a Java stack overflow, memory), which skips the finally blocks that would move it on
    where: function () {
      var file = compiling ? compiling.action.fileName : currentFile;
      return currentAt && currentAt.fileName === file ? currentAt : { fileName: file, line: 0, column: 0 };
    },
    // While the includes load, as in Dataform, their top-level code sees dataform but not publish() and the rest
    apiVisible: function (visible) {
      var names = Object.keys(API);
      for (var i = 0; i < names.length; i++) {
        if (visible) global[names[i]] = API[names[i]];
        else delete global[names[i]];
      }
    },
    sqlxAction: sqlxAction,
    compile: function () {
      index = indexByName(actions);
      var compiled = [];
      // A loop rather than forEach, whose closure (with its catch) would get an activation object per
      // action; removed ones are skipped. Those registered meanwhile (from n on) are compiled as Dataform
      // compiles them: only when their kind's turn comes after that of the action that registered them.
      for (var i = 0, n = actions.length; i < actions.length; i++) {
        if (!(i in actions)) continue;
        var a = actions[i];
        if (i >= n && chunkOf(a.kind) <= a.lateChunk) {
          compileError("The " + (a.kind === "assertion" ? "assertion" : a.kind === "operations" ? "operation" : a.kind === "declaration"
              ? "declaration" : a.kind) + " " + readable(a.target) + " is registered while this file's SQL compiles (in a js block"
              + " or a query function), after Dataform has gathered the actions of its kind: Dataform leaves it out",
            a.fileName, readable(a.target), { fileName: a.fileName, line: 0 },
            "call " + (a.kind === "assertion" ? "assert" : a.kind === "operations" ? "operate" : a.kind === "declaration" ? "declare" : "publish")
              + "() at the top level of a definitions .js file, which runs when the file loads");
          continue;
        }
        compiling = { action: a, chunk: chunkOf(a.kind), count: actions.length };
        try {
          compileAction(a);
          var p = plain(a);
          if (a.leftOut) p.failed = true;
          compiled.push(p);
        } catch (e) {
          // Like Dataform, an action whose SQL threw is left out of the output but still resolvable.
          if (!(threwFiles[a.fileName] && a.contextableQuery === null)) a.sqlError = errorFromException(e, a.fileName, readable(a.target), a.sqlStartLine);
          var failed = plain(a);
          failed.failed = true;
          compiled.push(failed);
        } finally {
          compiling = null;
        }
      }
      var compiledTests = [];
      tests.forEach(function (t) {
        try {
          var compiledTest = compileTest(t);
          if (compiledTest) compiledTests.push(compiledTest); // null: its model's error, already reported, failed it
        } catch (e) {
          errorFromException(e, t.fileName, t.name);
        }
      });
      return { actions: compiled, tests: compiledTests, errors: errors, readsClockOrRandom: readsClockOrRandom };
    }
  };

  // Node's console, which project code calls to see what its compile computes (console.log(cfg)): Dataform prints
  // what it is given, and so does Porygon, a line a call (objects as JSON), on stderr (see JsRuntime.PRINT)
  const print = global.__porygonPrint;
  delete global.__porygonPrint;
  function shown(v) {
    if (typeof v === "string") return v;
    if (v === null || (typeof v !== "object")) return String(v);
    // as Node shows them: an error's name and message (its JSON is {} or Rhino's fileName and lineNumber alone), a date
    // unquoted, a regular expression as written
    if (v instanceof Error || v instanceof RegExp) return String(v);
    if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
    try { return JSON.stringify(v); } catch (e) { return String(v); } // a cycle
  }
  function printLine() {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(shown(arguments[i]));
    print(parts.join(" "));
  }
  const projectConsole = {};
  ["log", "info", "warn", "error", "debug", "trace", "dir"].forEach(function (m) { projectConsole[m] = printLine; });
  Object.defineProperty(global, "console", { value: projectConsole, writable: true, configurable: true, enumerable: false });

  // Node's name for the global object, which project code uses to share values (global.X = ...) as in Dataform
  Object.defineProperty(global, "global", { value: global, writable: true, configurable: true, enumerable: false });

  const dataform = { projectConfig: projectConfig, publish: publish, operate: operate, assert: assert, declare: declare,
    test: test, sqlxAction: sqlxAction };
  global.dataform = dataform;
  const API = { publish: publish, operate: operate, assert: assert, declare: declare, test: test };
  global.__porygon.apiVisible(true);
})(this);
