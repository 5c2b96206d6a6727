//! A small knowledge base in versions, for the live-reload tests of both the core (`tests/reload.rs`) and
//! the bot (`tests/e2e/reload.rs`).
//!
//! Each version names itself in two files: the speaker's name (`speakers.toml`) and the session's summary
//! (`sessions.toml`), and the answer about the session shows both. An answer that names two versions was
//! built from old and new files at once.

#![allow(
    dead_code,
    reason = "each test binary includes this file and uses a different part of it"
)]

use std::fs;
use std::path::PathBuf;

use tempfile::TempDir;
use usher::engine::{Engine, Thresholds};
use usher::live::{self, SharedEngine};

/// The versions the tests step through; each word appears in the answer of its version only.
pub const VERSIONS: [&str; 7] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
];

pub const QUESTION: &str = "what is the opening keynote?";

pub const EVENT: &str = r#"[event]
id = "demo"
title = "Demo Conference"
kind = "Conference"
description = "A small conference used by the tests."
time_zone = "Europe/Amsterdam"
start = 2026-06-01T09:00:00
end = 2026-06-01T17:00:00
venue = "hall"

[[venue]]
id = "hall"
name = "Grand Hall"
address = "Main Street 1"
city = "Utrecht"
"#;

pub const FAQ: &str = r#"[[faq]]
id = "wifi"
question = "What is the wifi password?"
answer = "The wifi password is conference2026."
"#;

pub fn speakers(version: usize) -> String {
    format!(
        "[[speaker]]\nid = \"alice\"\nname = \"Alice {}\"\n",
        capitalised(VERSIONS[version])
    )
}

pub fn sessions(version: usize) -> String {
    format!(
        "[[session]]\nid = \"opening\"\ntitle = \"Opening keynote\"\nstart = 2026-06-01T09:00:00\n\
         end = 2026-06-01T10:00:00\nspeakers = [\"alice\"]\nsummary = \"The {} edition of the opening.\"\n",
        VERSIONS[version]
    )
}

pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The versions an answer names: by the speaker and by the summary. One answer from one version names the
/// same version twice.
pub fn versions_in(text: &str) -> (Option<usize>, Option<usize>) {
    let speaker = VERSIONS
        .iter()
        .position(|v| text.contains(&format!("Alice {}", capitalised(v))));
    let summary = VERSIONS
        .iter()
        .position(|v| text.contains(&format!("The {v} edition")));
    (speaker, summary)
}

/// A knowledge directory in a fresh temporary directory, so that its parent (watched too) is quiet.
pub struct Files {
    root: TempDir,
}

impl Files {
    pub fn new(version: usize) -> Files {
        let files = Files {
            root: tempfile::tempdir().expect("a temporary directory"),
        };
        files.create(version);
        files
    }

    pub fn create(&self, version: usize) {
        fs::create_dir_all(self.dir()).expect("the knowledge directory is made");
        self.write("event.toml", EVENT);
        self.write("faq.toml", FAQ);
        self.set_version(version);
    }

    pub fn dir(&self) -> PathBuf {
        self.root.path().join("knowledge")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    pub fn write(&self, name: &str, text: &str) {
        fs::write(self.path(name), text).expect("a knowledge file is written");
    }

    /// Writes both files that name the version, one right after the other, as a maintainer saving two
    /// files or checking out a commit would.
    pub fn set_version(&self, version: usize) {
        self.write("speakers.toml", &speakers(version));
        self.write("sessions.toml", &sessions(version));
    }

    pub fn load(&self) -> SharedEngine {
        live::shared(
            Engine::load(&self.dir(), Thresholds::default())
                .expect("the test knowledge is valid")
                .engine,
        )
    }
}
