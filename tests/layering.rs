//! The layering of `src/`: which top-level modules may import which, read from the `crate::` paths of
//! every source file. A question travels `knowledge` -> `topics` -> `matching` -> `answer`, the `engine`
//! is the one door adapters use, and nothing in the core looks up at what is built on it; a new upward
//! import fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module with the modules it may import. The adapters (`discord`, `cli`) may import
/// everything below them, which `ADAPTERS` says.
const LAYERS: &[(&str, &[&str])] = &[
    // The pure core, from the bottom up. Loading shares its work among the cores through `parallel`,
    // which knows nothing of what the work is.
    ("parallel", &[]),
    ("clock", &[]),
    ("lexicon", &[]),
    ("knowledge", &["parallel"]),
    // Markdown from event sources, read into a structure every adapter renders its own way.
    ("markdown", &[]),
    ("topics", &["knowledge", "lexicon", "markdown", "parallel"]),
    ("schedule", &["knowledge"]),
    // Programme questions (now, next, rooms, days) read the sessions' times beside the topics.
    ("programme", &["knowledge", "lexicon", "topics"]),
    // A question's form (a remark, a yes or no, a choice) is read before its words are matched.
    ("reading", &["lexicon"]),
    (
        "matching",
        &["knowledge", "lexicon", "topics", "reading", "parallel"],
    ),
    // An answer reads the question's intents (the lexicon's) to say which detail the source lacks.
    (
        "answer",
        &[
            "knowledge",
            "lexicon",
            "markdown",
            "topics",
            "matching",
            "reading",
        ],
    ),
    // A calendar file is written from the knowledge alone.
    ("calendar", &["knowledge"]),
    // The Discord events that mirror the programme are decided from the knowledge, placed as in calendars.
    ("mirror", &["knowledge", "calendar"]),
    // Which questions were gaps is read off their answers.
    ("gaps", &["answer"]),
    (
        "engine",
        &[
            "knowledge",
            "lexicon",
            "topics",
            "programme",
            "matching",
            "answer",
        ],
    ),
    // The schedule importer turns other programs' exports into knowledge files, as text: it stands
    // apart from the core, so the files it writes are checked by the same loader as hand-written ones.
    ("import", &[]),
    // State and settings, over the core.
    ("store", &["schedule", "gaps", "answer", "mirror"]),
    ("config", &["knowledge", "matching", "schedule", "mirror"]),
    ("live", &["engine"]),
    (
        "reload",
        &["clock", "knowledge", "matching", "engine", "live"],
    ),
];

/// The adapters, each of which may import every module above and the adapters before it here: the
/// command line starts the Discord bot.
const ADAPTERS: &[&str] = &["discord", "cli"];

fn allowed(module: &str) -> Option<BTreeSet<&'static str>> {
    if let Some((_, imports)) = LAYERS.iter().find(|(m, _)| *m == module) {
        return Some(imports.iter().copied().collect());
    }
    let position = ADAPTERS.iter().position(|a| *a == module)?;
    Some(
        LAYERS
            .iter()
            .map(|(m, _)| *m)
            .chain(ADAPTERS[..position].iter().copied())
            .collect(),
    )
}

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("the source directory is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of a file below `src/`: `knowledge/kinds/venue.rs` is `["knowledge", "kinds",
/// "venue"]`, `topics/mod.rs` is `["topics"]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// The code of a file without its comments, so that a doc link is not read as an import.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names: in `crate::x::...` paths, in `crate::{x::..., y}` groups,
/// and in `super::` paths that climb to the crate root from a file at `path`.
fn imports(code: &str, path: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find("crate::") {
        let start = at + offset + "crate::".len();
        if bytes.get(start) == Some(&b'{') {
            // A group: each item's first segment, up to the matching brace.
            let mut depth = 0;
            let mut item_start = start + 1;
            for (i, c) in code[start..].char_indices() {
                let i = start + i;
                match c {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        if let Some(first) = first_segment(&code[item_start..i]) {
                            found.insert(first);
                        }
                        item_start = i + 1;
                        if c == '}' {
                            break;
                        }
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
        } else if let Some(first) = first_segment(&code[start..]) {
            found.insert(first);
        }
        at = start;
    }
    // `super::` from a module `depth` deep reaches the crate root after `depth` steps.
    let depth = path.len();
    let mut at = 0;
    while let Some(offset) = code[at..].find("super::") {
        let start = at + offset;
        let mut rest = &code[start..];
        let mut steps = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            steps += 1;
            rest = after;
        }
        let preceded_by_word = code[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        if !preceded_by_word && steps >= depth {
            if let Some(first) = first_segment(rest) {
                found.insert(first);
            }
        }
        at = start + "super::".len() * steps;
    }
    found
}

/// The first path segment of `text`: `knowledge` in `knowledge::Kind`.
fn first_segment(text: &str) -> Option<String> {
    let word: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty() && word != "self").then_some(word)
}

/// The top-level module of a file below `src/`, or `None` for the crate roots, which declare the
/// modules and belong to no layer.
fn top_module(path: &[String]) -> Option<&String> {
    match path {
        [root] if root == "lib" || root == "main" => None,
        _ => path.first(),
    }
}

/// Every import of one top-level module by another that the layering does not allow, as
/// `file: module -> module`; and the top-level modules there are.
fn violations(src: &Path) -> (Vec<String>, BTreeSet<String>) {
    let files: Vec<(PathBuf, Vec<String>)> = sources(src)
        .into_iter()
        .map(|file| {
            let path = module_path(file.strip_prefix(src).expect("below src"));
            (file, path)
        })
        .collect();
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|(_, path)| top_module(path).cloned())
        .collect();
    let mut problems = Vec::new();
    for (file, path) in &files {
        let relative = file.strip_prefix(src).expect("below src");
        let Some(module) = top_module(path) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file is readable");
        let Some(may) = allowed(module) else {
            problems.push(format!(
                "{}: module `{module}` has no place in the layering",
                relative.display()
            ));
            continue;
        };
        // Only names of modules count: `super::Engine` from a test module inside `engine.rs` is no
        // import of another module.
        for imported in imports(&code(&text), path)
            .into_iter()
            .filter(|name| modules.contains(name))
        {
            if imported != *module && !may.contains(imported.as_str()) {
                problems.push(format!("{}: {module} -> {imported}", relative.display()));
            }
        }
    }
    (problems, modules)
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (problems, modules) = violations(&src);
    assert!(
        problems.is_empty(),
        "imports the layering does not allow (see LAYERS in tests/layering.rs):\n{}",
        problems.join("\n")
    );
    let stated: BTreeSet<String> = LAYERS
        .iter()
        .map(|(m, _)| *m)
        .chain(ADAPTERS.iter().copied())
        .map(str::to_string)
        .collect();
    assert_eq!(
        modules, stated,
        "the layering names exactly the modules of src/"
    );
}

#[test]
fn the_reading_of_imports_finds_every_form() {
    let path = vec![
        "knowledge".to_string(),
        "kinds".to_string(),
        "venue".to_string(),
    ];
    let code = code(
        "use crate::topics::Topic;\n\
         use crate::{\n    engine::Engine,\n    schedule::{self, Plan},\n};\n\
         fn f() { crate::answer::to_match(); }\n\
         use super::super::super::store::Store;\n\
         use super::kind::Kind; // crate::config in a comment is no import\n",
    );
    let found: Vec<String> = imports(&code, &path).into_iter().collect();
    assert_eq!(found, ["answer", "engine", "schedule", "store", "topics"]);
}
