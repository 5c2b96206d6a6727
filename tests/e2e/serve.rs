//! `usher serve` as a process: a bad token ends it at once with a clear message, the proxy seam refuses
//! anything off this machine, the token never reaches the log even at trace level, a secrets file others
//! can read is warned about, and Ctrl-C stops it within a second.

use std::io::Read as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::bot::guild;
use crate::fake_discord::FakeDiscord;

/// A config for `usher serve` against `fake`, with the token read from `secrets` when given.
fn config(dir: &Path, fake: &FakeDiscord, secrets: Option<&Path>) -> std::path::PathBuf {
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let path = dir.join("usher.toml");
    let quoted = |p: &Path| toml::Value::from(p.display().to_string());
    let token_file = secrets.map_or_else(|| toml::Value::from("none"), quoted);
    std::fs::write(
        &path,
        format!(
            "knowledge_dir = {}\ndata_dir = {}\n[discord]\ntoken_file = {token_file}\nguilds = [{}]\n",
            quoted(&knowledge),
            quoted(&dir.join("data")),
            fake.guild_id()
        ),
    )
    .expect("the config is written");
    path
}

fn serve(config: &Path, proxy: &str, token: Option<&str>, log: &str) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_usher"));
    command
        .args(["serve", "--config"])
        .arg(config)
        .env("USHER_DISCORD_PROXY", proxy)
        .env("RUST_LOG", log)
        .env_remove("DISCORD_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(token) = token {
        command.env("DISCORD_TOKEN", token);
    }
    command.spawn().expect("usher serve starts")
}

/// Waits for `child` to exit, at most `limit`; returns how it ended and how long that took.
fn exit_within(child: &mut Child, limit: Duration) -> (std::process::ExitStatus, Duration) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("a status") {
            return (status, started.elapsed());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("usher serve was still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut text)
        .expect("stderr is text");
    text
}

// 8. A bad token retried every 5 s forever; 7. secrets files readable by others.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_refuses_ends_serve_at_once_and_a_readable_secrets_file_is_warned_about() {
    use std::os::unix::fs::PermissionsExt as _;
    let fake = FakeDiscord::start_with(&guild()).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let secrets = dir.path().join("secrets.toml");
    // The template's placeholder, left as it was.
    std::fs::write(&secrets, "token = \"abc\"\n").expect("written");
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let config = config(dir.path(), &fake, Some(&secrets));
    let mut child = serve(&config, fake.http_proxy_url(), None, "usher=info");
    let (status, took) = exit_within(&mut child, Duration::from_secs(10));
    let stderr = stderr_of(&mut child);
    assert!(!status.success(), "{status}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert!(
        stderr.contains("Discord refused the token (401 Unauthorized)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("can be read by other users (mode 644)"),
        "{stderr}"
    );
    assert_eq!(fake.identify_count(), 0, "no gateway connection was tried");
    println!("serve with a refused token: exit {status} after {took:?}");
    let _ = fake.take_violations();
}

// 7. The proxy hook sent the token anywhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_must_be_on_this_machine() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = config(dir.path(), &fake, None);
    let mut child = serve(
        &config,
        "http://discord-proxy.example:80",
        Some(FakeDiscord::TOKEN),
        "usher=info",
    );
    let (status, _) = exit_within(&mut child, Duration::from_secs(10));
    let stderr = stderr_of(&mut child);
    assert!(!status.success(), "{status}");
    assert!(
        stderr.contains("must be on this machine") && !stderr.contains(FakeDiscord::TOKEN),
        "{stderr}"
    );
}

// 7. The IDENTIFY frame, token included, logged at trace level; 8. Ctrl-C waited 5 s.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_trace_level_the_token_never_reaches_the_log_and_ctrl_c_stops_within_a_second() {
    let fake = FakeDiscord::start_with(&guild()).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = config(dir.path(), &fake, None);
    let mut child = serve(
        &config,
        fake.http_proxy_url(),
        Some(FakeDiscord::TOKEN),
        "trace,tungstenite=trace,tokio_tungstenite=trace",
    );
    // The log is read on a thread of its own, so a chatty trace never fills the pipe.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    fake.wait_for_identify_count(1, Duration::from_secs(20))
        .await;
    fake.wait_for(
        |r| r.is("PUT", "/applications/*/guilds/*/commands"),
        Duration::from_secs(20),
    )
    .await;
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let (exit, took) = exit_within(&mut child, Duration::from_secs(10));
    let log = reader.join().expect("the log reader");
    assert!(exit.success(), "{exit}");
    assert!(took < Duration::from_secs(1), "Ctrl-C took {took:?}");
    let token = FakeDiscord::TOKEN;
    let bytes: Vec<String> = token.bytes().map(|b| format!("{b:02x}")).collect();
    let hex = bytes.concat();
    let spaced = bytes.join(" ");
    assert!(log.lines().count() > 20, "trace logging is on: {log}");
    for form in [token, &hex, &spaced, &hex.to_uppercase()] {
        assert!(!log.contains(form), "the token reached the log as {form:?}");
    }
    println!(
        "Ctrl-C to exit: {took:?}; {} trace lines without the token",
        log.lines().count()
    );
    fake.assert_clean();
}
