//! The import folder on disk: reading back the previous import, and replacing it whole.
//!
//! An import owns `imported/<short name>/` and nothing else. Every file it writes starts with
//! [`MARKER`](super::format::MARKER); a file there without it was written by hand, and the import stops
//! rather than delete it. The new files are written into a hidden sibling folder (the knowledge loader
//! skips hidden names, so a live reload never sees half of them), then swapped in with two renames: the
//! old folder aside, the new one in place. A reload waits for the directory to be quiet for a moment, so
//! it sees the old set or the new one, never a mix.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::format::MARKER;

/// Why the import folder could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error(
        "{} was not written by `usher import`; move it out of {} (hand-written files belong outside imported/) and import again",
        path.display(),
        folder.display()
    )]
    HandWritten { path: PathBuf, folder: PathBuf },
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> FolderError + use<> {
    let path = path.to_path_buf();
    move |source| FolderError::Io {
        action,
        path,
        source,
    }
}

/// The files of a previous import in `folder` by path relative to it, or `None` if there is none.
/// Hidden files (editor swap files) are skipped, as the knowledge loader skips them.
pub fn read(folder: &Path) -> Result<Option<BTreeMap<PathBuf, String>>, FolderError> {
    match fs::metadata(folder) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(io_error("read", folder)(err)),
        Ok(meta) if !meta.is_dir() => {
            return Err(FolderError::HandWritten {
                path: folder.to_path_buf(),
                folder: folder.parent().unwrap_or(folder).to_path_buf(),
            });
        }
        Ok(_) => {}
    }
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(io_error("read", &dir))? {
            let entry = entry.map_err(io_error("read", &dir))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.file_type().map_err(io_error("read", &path))?.is_dir() {
                pending.push(path);
                continue;
            }
            let hand_written = || FolderError::HandWritten {
                path: path.clone(),
                folder: folder.to_path_buf(),
            };
            let text = match fs::read_to_string(&path) {
                Ok(text) => text,
                Err(err) if err.kind() == io::ErrorKind::InvalidData => return Err(hand_written()),
                Err(err) => return Err(io_error("read", &path)(err)),
            };
            if !text.starts_with(MARKER) {
                return Err(hand_written());
            }
            let relative = path
                .strip_prefix(folder)
                .expect("files below the folder have it as prefix")
                .to_path_buf();
            files.insert(relative, text);
        }
    }
    Ok(Some(files))
}

/// Replaces `folder` with exactly `files` (paths relative to it). Nothing outside `folder` and its two
/// hidden siblings is touched; on failure the previous import stays in place.
pub fn replace(folder: &Path, files: &BTreeMap<PathBuf, String>) -> Result<(), FolderError> {
    let parent = folder
        .parent()
        .expect("the import folder is below imported/");
    fs::create_dir_all(parent).map_err(io_error("create", parent))?;
    let name = folder
        .file_name()
        .expect("the import folder has a name")
        .to_string_lossy();
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let aside = parent.join(format!(".{name}.old-{pid}"));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_error("remove", &staging))?;
    }
    if let Err(err) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    let had_previous = folder.exists();
    if had_previous {
        if let Err(err) = fs::rename(folder, &aside) {
            let _ = fs::remove_dir_all(&staging);
            return Err(io_error("move aside", folder)(err));
        }
    }
    if let Err(err) = fs::rename(&staging, folder) {
        if had_previous {
            let _ = fs::rename(&aside, folder);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(io_error("move into place", folder)(err));
    }
    if had_previous {
        fs::remove_dir_all(&aside).map_err(io_error("remove", &aside))?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &BTreeMap<PathBuf, String>) -> Result<(), FolderError> {
    fs::create_dir_all(staging).map_err(io_error("create", staging))?;
    for (relative, text) in files {
        let path = staging.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io_error("create", dir))?;
        }
        let mut file = fs::File::create(&path).map_err(io_error("write", &path))?;
        file.write_all(text.as_bytes())
            .map_err(io_error("write", &path))?;
        // The old import is deleted once the new one is in place, so the new files must be on disk by
        // then, not only in the page cache.
        file.sync_all().map_err(io_error("write", &path))?;
    }
    Ok(())
}
