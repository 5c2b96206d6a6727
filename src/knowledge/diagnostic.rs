//! Problems found in knowledge or config files, each pointing at a place in a file.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors keep the files from going live, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place: printed as `path:line:col: message`, the form editors and terminals can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// A problem with a whole file or directory, at no line in it.
    pub fn at_path(path: &Path, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            severity,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        // A problem with no place in a file (a directory with no event) is shown with the path alone.
        if self.line == 0 {
            write!(f, "{}: {prefix}{}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {prefix}{}",
                self.path.display(),
                self.line,
                self.col,
                self.message
            )
        }
    }
}

/// A file's text with the offsets of its lines, to turn byte spans into line and column.
///
/// An entry extended from another file (`extends`) is made of values written in several files; it is
/// read from a joined file ([`SourceFile::joined`]), in which each file's spans are shifted past the
/// files before it, so that every value's place still names the file and line it was written at.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// For a joined file, each file it joins with the offset its spans start at; empty for a real file.
    parts: Vec<(usize, SourceFile)>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
            parts: Vec::new(),
        }
    }

    /// Files joined into one span space, each at the offset returned for it: the first at 0, each next
    /// one just past the end of the one before. It has the first file's path and no text of its own.
    pub fn joined(files: Vec<SourceFile>) -> (SourceFile, Vec<usize>) {
        let mut parts = Vec::with_capacity(files.len());
        let mut next = 0;
        for file in files {
            let start = next;
            next += file.text.len() + 1;
            parts.push((start, file));
        }
        let offsets = parts.iter().map(|(start, _)| *start).collect();
        let path = parts
            .first()
            .map(|(_, file)| file.path.clone())
            .unwrap_or_default();
        let joined = SourceFile {
            path,
            text: String::new(),
            line_starts: vec![0],
            parts,
        };
        (joined, offsets)
    }

    /// Whether this file joins others rather than being one on disk.
    pub fn is_joined(&self) -> bool {
        !self.parts.is_empty()
    }

    /// The file on disk a byte offset falls in, and the offset within it.
    fn locate(&self, offset: usize) -> (&SourceFile, usize) {
        match self.parts.iter().rev().find(|(start, _)| *start <= offset) {
            Some((start, file)) => file.locate(offset - start),
            None => (self, offset),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        // A span may start inside a multi-byte character only if the parser was handed bad UTF-8,
        // which `String` rules out; `get` keeps this total anyway.
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    /// A diagnostic at the start of `span`.
    pub fn diagnostic(
        &self,
        span: &Range<usize>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (file, offset) = self.locate(span.start);
        let (line, col) = file.line_col(offset);
        Diagnostic {
            path: file.path.clone(),
            line,
            col,
            severity,
            message: message.into(),
        }
    }

    pub fn error(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(span, Severity::Error, message)
    }

    pub fn warning(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(span, Severity::Warning, message)
    }
}

/// Where an entry was written, kept on the model so answers and reload reports can name their source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Origin {
    pub fn new(file: &SourceFile, span: &Range<usize>) -> Self {
        let (file, offset) = file.locate(span.start);
        let (line, col) = file.line_col(offset);
        Self {
            path: file.path.clone(),
            line,
            col,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let file = SourceFile::new("k.toml", "a = 1\nb = \"é\" x\n".to_string());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(4), (1, 5));
        assert_eq!(file.line_col(6), (2, 1));
        // "é" is two bytes but one column.
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), (2, 9));
    }

    #[test]
    fn a_joined_file_places_each_span_in_the_file_it_came_from() {
        let a = SourceFile::new("a.toml", "x = 1\ny = 2\n".to_string());
        let b = SourceFile::new("b.toml", "z = 3\n".to_string());
        let (joined, offsets) = SourceFile::joined(vec![a, b]);
        assert_eq!(offsets, [0, 13]);
        assert_eq!(joined.error(&(6..7), "m").to_string(), "a.toml:2:1: m");
        assert_eq!(joined.error(&(17..18), "m").to_string(), "b.toml:1:5: m");
        assert_eq!(Origin::new(&joined, &(13..14)).to_string(), "b.toml:1:1");
    }

    #[test]
    fn displays_as_path_line_col_message() {
        let file = SourceFile::new("knowledge/report.toml", "\n\n  answr = 1\n".to_string());
        let d = file.error(&(4..9), "unknown field `answr`");
        assert_eq!(
            d.to_string(),
            "knowledge/report.toml:3:3: unknown field `answr`"
        );
        let w = file.warning(&(4..9), "shared keyword");
        assert_eq!(
            w.to_string(),
            "knowledge/report.toml:3:3: warning: shared keyword"
        );
    }
}
