//! Cross-file checks that turn the entries as written into the [`Knowledge`] model.
//!
//! Every problem is reported, not just the first. Each kind's ids are registered first, so references may
//! point forwards and across files; then each kind is checked in the order of [`Kinds`], and keywords that
//! entries of different kinds share are warned about.

use std::collections::HashMap;
use std::path::Path;

use super::diagnostic::{Diagnostic, Origin, SourceFile};
use super::kind::{Check, EntryKind, Kind, KindList, Text, VisitKind};
use super::kinds::Kinds;
use super::kinds::event::Event;
use super::model::Knowledge;
use super::read::RawKnowledge;

/// Checks `raw` and builds the model. Problems are appended to `diags`; the model is returned whenever
/// one can be built (there is a valid event), even alongside errors, so that later checks can report on it
/// too. Callers must still treat any error diagnostic as failure.
pub fn check(raw: &RawKnowledge, diags: &mut Vec<Diagnostic>) -> Option<Knowledge> {
    let mut cx = Check::new(
        &raw.files,
        &raw.dir,
        &raw.tables,
        &raw.unparsed,
        &raw.hidden,
        diags,
    );
    Kinds::each(&mut Register { raw, cx: &mut cx });
    Kinds::each(&mut CheckKinds { raw, cx: &mut cx });
    if cx.stopped() {
        return None;
    }
    let mut keywords = Vec::new();
    Kinds::each(&mut KeywordsOf(&mut keywords, raw));
    warn_shared_keywords(&keywords, &raw.files, &mut cx);
    let event = cx.checked.get::<Event>().first().cloned()?;
    Some(Knowledge::new(
        event,
        std::mem::take(&mut cx.checked),
        fingerprint(&raw.dir, &raw.files),
    ))
}

/// Registers each kind's ids.
struct Register<'r, 'c, 'a> {
    raw: &'r RawKnowledge,
    cx: &'c mut Check<'a>,
}

impl VisitKind for Register<'_, '_, '_> {
    fn visit<K: Kind>(&mut self) {
        self.cx.declare(K::KIND);
        K::register(self.raw.entries::<K>(), self.cx);
    }
}

/// Checks each kind in turn, unless one stopped the checking.
struct CheckKinds<'r, 'c, 'a> {
    raw: &'r RawKnowledge,
    cx: &'c mut Check<'a>,
}

impl VisitKind for CheckKinds<'_, '_, '_> {
    fn visit<K: Kind>(&mut self) {
        if self.cx.stopped() {
            return;
        }
        let checked = K::check_all(self.raw.entries::<K>(), self.cx);
        self.cx.checked.put(checked);
    }
}

/// One keyword or alias of one entry, for the shared-keyword check.
struct KeywordUse<'r> {
    kind: EntryKind,
    id: &'r str,
    file: usize,
    word: &'r Text,
}

/// Collects every entry's keywords, kind by kind.
struct KeywordsOf<'u, 'r>(&'u mut Vec<KeywordUse<'r>>, &'r RawKnowledge);

impl VisitKind for KeywordsOf<'_, '_> {
    fn visit<K: Kind>(&mut self) {
        for p in self.1.entries::<K>() {
            let Some(id) = K::id(&p.entry) else {
                continue;
            };
            for word in K::keywords(&p.entry) {
                self.0.push(KeywordUse {
                    kind: K::KIND,
                    id: id.get_ref(),
                    file: p.file,
                    word,
                });
            }
        }
    }
}

/// A keyword or alias that entries of different kinds share makes a question with that word ambiguous
/// between them: a warning, since it may be meant (a host and the venue named after it). The first use of
/// each keyword per kind is kept; a later use by another kind is warned about once.
fn warn_shared_keywords(uses: &[KeywordUse<'_>], files: &[SourceFile], cx: &mut Check<'_>) {
    let mut first_of_kind: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in uses.iter().enumerate() {
        let key = u
            .word
            .get_ref()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let seen = first_of_kind.entry(key).or_default();
        if let Some(&other) = seen.iter().find(|&&j| uses[j].kind != u.kind) {
            let o = &uses[other];
            cx.warning(
                &files[u.file],
                &u.word.span(),
                format!(
                    "keyword `{}` of {} `{}` is also a keyword of {} `{}` ({}): questions with it may go to either",
                    u.word.get_ref(),
                    u.kind.noun(),
                    u.id,
                    o.kind.noun(),
                    o.id,
                    Origin::new(&files[o.file], &o.word.span())
                ),
            );
        }
        if !seen.iter().any(|&j| uses[j].kind == u.kind) {
            seen.push(i);
        }
    }
}

/// A hash of every file's path and text: a short version for the knowledge as a whole, the same for the
/// same files. Paths are taken relative to the knowledge directory, so the same files have the same
/// version however the directory is named (`knowledge`, `./knowledge` or an absolute path). The hash
/// reads eight bytes at a time, since a large programme's files run to megabytes and every load and
/// every check for changes reads them all.
pub(crate) fn fingerprint(dir: &Path, files: &[SourceFile]) -> String {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    // A joined file (an extended entry's) holds nothing the files it joins do not.
    for file in files.iter().filter(|f| !f.is_joined()) {
        let path = file.path.strip_prefix(dir).unwrap_or(&file.path);
        // Each part's length is hashed before it, so that no two different lists of files run together
        // into the same bytes.
        for part in [path.to_string_lossy().as_bytes(), file.text.as_bytes()] {
            hasher.write_usize(part.len());
            hasher.write(part);
        }
    }
    format!("{:016x}", hasher.finish())
}
