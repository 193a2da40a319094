//! A real `kill -9` of the real binary mid-render: the next start resumes the job, or —
//! when its attempts are spent — fails it visibly. Never stuck `in_progress`, never gone.
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
}

/// A panicking test must not leave its server running.
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(dir: &std::path::Path, extra: &[&str]) -> Server {
    let port = free_port();
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("server.log")).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_kino"))
        .args(["serve", "--port", &port.to_string(), "--data-dir"])
        .arg(dir.join("data"))
        .args(extra)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .expect("spawn kino");
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while http::get(&format!("{base}/healthz")).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, base }
}

mod http {
    //! Just enough blocking HTTP over std for this test (no runtime inside a killed-process test).
    use std::io::{Read, Write};
    use std::net::TcpStream;

    pub fn request(method: &str, url: &str, body: Option<&str>) -> std::io::Result<(u16, String)> {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
        let mut s = TcpStream::connect(host)?;
        let body = body.unwrap_or("");
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw)?;
        let out = String::from_utf8_lossy(&raw);
        let status = out.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        Ok((status, body))
    }

    pub fn get(url: &str) -> std::io::Result<(u16, String)> {
        request("GET", url, None)
    }
}

fn json_of(resp: (u16, String)) -> Value {
    serde_json::from_str(&resp.1).unwrap_or_else(|e| panic!("{e}: {} {}", resp.0, resp.1))
}

fn video(server: &Server, id: &str) -> Value {
    json_of(http::get(&format!("{}/v1/videos/{id}", server.base)).unwrap())
}

fn wait(server: &Server, id: &str, timeout: Duration, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let v = video(server, id);
        if done(&v) {
            return v;
        }
        assert!(start.elapsed() < timeout, "timed out: {v}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn create_and_kill_mid_render(dir: &std::path::Path, extra: &[&str]) -> String {
    let mut server = start(dir, extra);
    let body = json!({"prompt": "a long tracking shot", "model": "sora-2-pro", "size": "1280x720", "seconds": "12"});
    let created =
        json_of(http::request("POST", &format!("{}/v1/videos", server.base), Some(&body.to_string())).unwrap());
    let id = created["id"].as_str().unwrap().to_string();
    wait(&server, &id, Duration::from_secs(60), |v| v["status"] == "in_progress" && v["progress"].as_i64() > Some(2));
    server.child.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix: no cleanup runs
    server.child.wait().unwrap();
    drop(server);
    id
}

#[test]
fn a_killed_render_resumes_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let id = create_and_kill_mid_render(dir.path(), &[]);
    let server = start(dir.path(), &[]);
    let v = wait(&server, &id, Duration::from_secs(120), |v| v["status"] == "completed" || v["status"] == "failed");
    assert_eq!(v["status"], "completed", "{v}");
    let (status, _) = http::get(&format!("{}/v1/videos/{id}/content", server.base)).unwrap();
    assert_eq!(status, 200);
}

#[test]
fn a_killed_render_without_attempts_left_fails_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let id = create_and_kill_mid_render(dir.path(), &["--max-attempts", "1"]);
    let server = start(dir.path(), &["--max-attempts", "1"]);
    let v = wait(&server, &id, Duration::from_secs(30), |v| v["status"] != "in_progress" && v["status"] != "queued");
    assert_eq!(v["status"], "failed", "{v}");
    assert_eq!(v["error"]["code"], "worker_lost");
}
