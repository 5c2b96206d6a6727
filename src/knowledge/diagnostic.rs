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
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
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
        let (line, col) = self.line_col(span.start);
        Diagnostic {
            path: self.path.clone(),
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
        let (line, col) = file.line_col(span.start);
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
