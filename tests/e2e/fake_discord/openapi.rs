//! Discord's published `OpenAPI` description, used to hold each REST request the bot makes to
//! Discord's contract rather than to our guess of it.
//!
//! The document is parsed once per process (all tests of the e2e binary share it). Each
//! request-body schema is compiled on first use and cached: compiling is done on a small
//! self-contained copy that carries only the `components.schemas` entries the body schema reaches,
//! so the validator never crawls the whole 1.2 MB document.

use hyper::Method;
use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The environment variable that points the harness at another copy of the spec.
const SPEC_PATH_VARIABLE: &str = "USHER_DISCORD_OPENAPI";

/// Where the spec lives relative to the crate: `shared/` sits beside the repository.
const SPEC_RELATIVE_PATH: &str = "../shared/discord-api-spec/openapi.json";

/// Validation messages quote the offending value; long values are cut to keep reports readable.
const MESSAGE_LIMIT: usize = 300;

/// One path of the spec, split into literal segments and `{parameter}` placeholders.
#[derive(Debug)]
struct PathTemplate {
    template: String,
    /// `Some(literal)` must match exactly; `None` matches any one segment.
    segments: Vec<Option<String>>,
}

impl PathTemplate {
    fn parse(template: &str) -> Self {
        let segments = template
            .trim_start_matches('/')
            .split('/')
            .map(|segment| (!segment.starts_with('{')).then(|| segment.to_owned()))
            .collect();
        Self {
            template: template.to_owned(),
            segments,
        }
    }

    /// How well `route` fits: `None` if it does not, else the number of literal segments matched,
    /// so that `/users/@me` wins over `/users/{user_id}`.
    fn fit(&self, route_segments: &[&str]) -> Option<usize> {
        if self.segments.len() != route_segments.len() {
            return None;
        }
        let mut literals = 0;
        for (expected, actual) in self.segments.iter().zip(route_segments) {
            match expected {
                Some(literal) if literal == actual => literals += 1,
                Some(_) => return None,
                None => {}
            }
        }
        Some(literals)
    }
}

/// The outcome of checking one request against the spec.
#[derive(Debug, Default)]
pub struct SpecCheck {
    /// The spec's path template the request matched, e.g. `/channels/{channel_id}/messages`.
    pub template: Option<String>,
    /// Problems with the path, method or query.
    pub violations: Vec<String>,
    /// Problems with the body; Discord answers these with 400 Invalid Form Body.
    pub body_violations: Vec<String>,
}

/// The parsed spec with its compiled validators.
pub struct OpenApi {
    document: Value,
    templates: Vec<PathTemplate>,
    /// Compiled validators by cache key; an `Err` records that the schema did not compile, so
    /// the failure is reported at each request without compiling it again.
    validators: Mutex<HashMap<String, Result<Arc<Validator>, String>>>,
    /// How long reading and parsing the document took, for the harness's own timing report.
    pub load_time: Duration,
}

/// The process-wide spec, loaded on first use.
pub fn spec() -> &'static OpenApi {
    static SPEC: OnceLock<OpenApi> = OnceLock::new();
    SPEC.get_or_init(OpenApi::load)
}

fn spec_path() -> PathBuf {
    std::env::var_os(SPEC_PATH_VARIABLE).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SPEC_RELATIVE_PATH),
        PathBuf::from,
    )
}

impl OpenApi {
    fn load() -> Self {
        let started = Instant::now();
        let path = spec_path();
        let text = std::fs::read(&path).unwrap_or_else(|error| {
            panic!(
                "cannot read Discord's OpenAPI spec at {}: {error} (set {SPEC_PATH_VARIABLE} to its path)",
                path.display()
            )
        });
        let document: Value = serde_json::from_slice(&text)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
        let templates = document["paths"]
            .as_object()
            .expect("an OpenAPI document has a paths object")
            .keys()
            .map(|template| PathTemplate::parse(template))
            .collect();
        Self {
            document,
            templates,
            validators: Mutex::new(HashMap::new()),
            load_time: started.elapsed(),
        }
    }

    /// The spec's template for a route such as `/channels/123/messages`, if any matches.
    pub fn template_for(&self, route: &str) -> Option<&str> {
        let segments: Vec<&str> = route.trim_start_matches('/').split('/').collect();
        self.templates
            .iter()
            .filter_map(|template| template.fit(&segments).map(|fit| (fit, template)))
            .max_by_key(|(fit, _)| *fit)
            .map(|(_, template)| template.template.as_str())
    }

    /// Checks that `method route` is an operation of the spec, that its query parameters are
    /// declared and in range, and that `body` matches the operation's JSON request schema.
    pub fn check(
        &self,
        method: &Method,
        route: &str,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> SpecCheck {
        let mut check = SpecCheck::default();
        let Some(template) = self.template_for(route) else {
            check.violations.push(format!(
                "{method} {route}: no such path in Discord's OpenAPI spec"
            ));
            return check;
        };
        check.template = Some(template.to_owned());
        let path_item = &self.document["paths"][template];
        let operation = &path_item[method.as_str().to_ascii_lowercase()];
        if !operation.is_object() {
            check.violations.push(format!(
                "{method} {route}: the spec has no {method} operation on {template}"
            ));
            return check;
        }
        self.check_query(
            method,
            route,
            template,
            path_item,
            operation,
            query,
            &mut check.violations,
        );
        self.check_body(
            method,
            route,
            template,
            operation,
            body,
            &mut check.body_violations,
        );
        check
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "each argument is a distinct part of the request"
    )]
    fn check_query(
        &self,
        method: &Method,
        route: &str,
        template: &str,
        path_item: &Value,
        operation: &Value,
        query: &[(String, String)],
        violations: &mut Vec<String>,
    ) {
        let declared: Vec<&Value> = [path_item, operation]
            .into_iter()
            .filter_map(|level| level["parameters"].as_array())
            .flatten()
            .filter(|parameter| parameter["in"] == "query")
            .collect();
        for (name, raw) in query {
            let Some(parameter) = declared
                .iter()
                .find(|parameter| parameter["name"] == name.as_str())
            else {
                violations.push(format!(
                    "{method} {route}: query parameter {name:?} is not in the spec"
                ));
                continue;
            };
            let schema = self.resolve(&parameter["schema"]);
            let value = coerce_query_value(raw, schema);
            let key = format!("query {method} {template} {name}");
            let outcome = self.validator(&key, &parameter["schema"]);
            match outcome {
                Ok(validator) => {
                    for error in validator.iter_errors(&value) {
                        violations.push(format!(
                            "{method} {route}: query parameter {name}={raw}: {}",
                            shorten(&error.to_string())
                        ));
                    }
                }
                Err(message) => violations.push(message),
            }
        }
    }

    fn check_body(
        &self,
        method: &Method,
        route: &str,
        template: &str,
        operation: &Value,
        body: Option<&Value>,
        violations: &mut Vec<String>,
    ) {
        let request_body = &operation["requestBody"];
        let schema = &request_body["content"]["application/json"]["schema"];
        match body {
            None if request_body["required"] == true => {
                violations.push(format!(
                    "{method} {route}: the spec requires a JSON body, none was sent"
                ));
            }
            None => {}
            Some(_) if schema.is_null() => {
                violations.push(format!(
                    "{method} {route}: sent a JSON body, the spec defines none"
                ));
            }
            Some(body) => match self.validator(&format!("body {method} {template}"), schema) {
                Ok(validator) => {
                    for error in validator.iter_errors(body) {
                        for problem in describe(&error) {
                            violations.push(format!("{method} {route}: body at {problem}"));
                        }
                    }
                }
                Err(message) => violations.push(message),
            },
        }
    }

    /// Follows a `$ref` into `components.schemas` (one level), for reading a parameter's type.
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema["$ref"]
            .as_str()
            .and_then(|reference| reference.strip_prefix('#'))
        {
            Some(pointer) => self.document.pointer(pointer).unwrap_or(schema),
            None => schema,
        }
    }

    /// The compiled validator for `schema`, compiling and caching it on first use.
    fn validator(&self, key: &str, schema: &Value) -> Result<Arc<Validator>, String> {
        let mut validators = self
            .validators
            .lock()
            .expect("no test panics while holding the validator cache");
        validators
            .entry(key.to_owned())
            .or_insert_with(|| {
                jsonschema::options()
                    .with_draft(Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&self.self_contained(schema))
                    .map(Arc::new)
                    .map_err(|error| format!("{key}: the spec's schema does not compile: {error}"))
            })
            .clone()
    }

    /// A copy of `schema` that carries every `components.schemas` entry it reaches, so its
    /// `#/components/schemas/...` references resolve inside it.
    fn self_contained(&self, schema: &Value) -> Value {
        let all = &self.document["components"]["schemas"];
        let mut reached = BTreeSet::new();
        let mut pending = Vec::new();
        collect_schema_refs(schema, &mut pending);
        while let Some(name) = pending.pop() {
            if reached.insert(name.clone()) {
                collect_schema_refs(&all[&name], &mut pending);
            }
        }
        let schemas: Map<String, Value> = reached
            .into_iter()
            .map(|name| (name.clone(), all[&name].clone()))
            .collect();
        json!({
            "$ref": "#/x-request",
            "x-request": schema,
            "components": {"schemas": schemas},
        })
    }
}

/// Says what is wrong, as `POINTER: MESSAGE` lines.
///
/// A failed `oneOf`/`anyOf` on its own only says "not valid under any of the schemas" and quotes
/// the whole value. Discord's unions are told apart by a `type` field (or are "null or X"), so
/// the alternatives that fail on that discriminator are set aside and the errors of the closest
/// remaining alternative are reported instead, recursively.
fn describe(error: &ValidationError<'_>) -> Vec<String> {
    let union_path = error.instance_path.as_str();
    let alternatives = match &error.kind {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
        }
        ValidationErrorKind::MaxLength { limit } => {
            // The message would quote the whole over-long string.
            let length = error
                .instance
                .as_str()
                .map_or(0, |text| text.chars().count());
            return vec![format!(
                "{}: {length} characters, longer than the spec's {limit}",
                pointer_text(union_path)
            )];
        }
        _ => {
            return vec![format!(
                "{}: {}",
                pointer_text(union_path),
                shorten(&error.to_string())
            )];
        }
    };
    // Discord's enumerations are `oneOf` lists of `const`s; say which values were allowed.
    let constants: Option<Vec<String>> = alternatives
        .iter()
        .map(|branch| match branch.as_slice() {
            [only] if only.instance_path.as_str() == union_path => match &only.kind {
                ValidationErrorKind::Constant { expected_value } => {
                    Some(expected_value.to_string())
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    if let Some(constants) = constants.filter(|constants| !constants.is_empty()) {
        return vec![format!(
            "{}: {} is not one of {}",
            pointer_text(union_path),
            error.instance,
            constants.join(", ")
        )];
    }
    let discriminator = format!("{union_path}/type");
    let misses_discriminator = |branch_error: &ValidationError<'_>| {
        let path = branch_error.instance_path.as_str();
        (path == union_path && matches!(branch_error.kind, ValidationErrorKind::Type { .. }))
            || (path == discriminator
                && matches!(
                    branch_error.kind,
                    ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. }
                ))
    };
    let closest = alternatives
        .iter()
        .filter(|branch| !branch.is_empty() && !branch.iter().any(misses_discriminator))
        .min_by_key(|branch| branch.len());
    match closest {
        Some(branch) => branch.iter().flat_map(describe).collect(),
        None => vec![format!(
            "{}: matches none of the alternatives (its `type` or shape fits no variant): {}",
            pointer_text(union_path),
            shorten(&error.instance.to_string())
        )],
    }
}

fn pointer_text(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// Pushes the names of the `#/components/schemas/NAME` references found anywhere in `value`.
fn collect_schema_refs(value: &Value, names: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Some(name) = child
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    {
                        names.push(name.to_owned());
                    }
                } else {
                    collect_schema_refs(child, names);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_schema_refs(item, names)),
        _ => {}
    }
}

/// Query strings carry text; the spec types them. Numbers and booleans are converted so the
/// schema's `minimum`/`maximum` apply, and anything unparsable stays a string so the type check
/// reports it.
fn coerce_query_value(raw: &str, schema: &Value) -> Value {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(kind) => vec![kind.as_str()],
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"integer") {
        if let Ok(number) = raw.parse::<i64>() {
            return json!(number);
        }
    }
    if types.contains(&"number") {
        if let Ok(number) = raw.parse::<f64>() {
            return json!(number);
        }
    }
    if types.contains(&"boolean") {
        match raw {
            "true" | "True" => return json!(true),
            "false" | "False" => return json!(false),
            _ => {}
        }
    }
    json!(raw)
}

/// Cuts a message to [`MESSAGE_LIMIT`] characters.
pub fn shorten(message: &str) -> String {
    shorten_to(message, MESSAGE_LIMIT)
}

/// Cuts `text` to `limit` characters, saying how long it was.
pub fn shorten_to(text: &str, limit: usize) -> String {
    let length = text.chars().count();
    if length <= limit {
        return text.to_owned();
    }
    let kept: String = text.chars().take(limit).collect();
    format!("{kept}… ({length} characters in all)")
}
