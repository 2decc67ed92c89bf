//! Parsing in a child process of the same executable, under an address-space cap and a time
//! limit, so that a crafted file that makes a parser allocate gigabytes or abort costs one
//! child process and gives a clear error, never the app.
//!
//! Every binary that imports calls [`run_if_worker`] first thing in `main`. On Unix the child
//! gets `RLIMIT_AS` (memory), `RLIMIT_CPU` (a backstop to the wall-clock limit) and
//! `RLIMIT_CORE = 0` (no core dump with card numbers in it). Elsewhere only the wall-clock
//! limit applies (the child is killed when it runs out).

mod wire;

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Instant;

use crate::{ImportError, Progress, ReadOptions, Table, read};

/// First argument that puts an executable in reader mode.
pub const WORKER_ARG: &str = "__tahsildar-import-worker";

/// How to start the reader process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    /// The executable (one whose `main` calls [`run_if_worker`]).
    pub program: PathBuf,
    /// Arguments placed before [`WORKER_ARG`].
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// Run `program` as the reader.
    pub fn new(program: impl Into<PathBuf>) -> Self {
        WorkerCommand {
            program: program.into(),
            args: Vec::new(),
        }
    }

    /// The running executable itself.
    pub fn current_exe() -> Result<Self, ImportError> {
        std::env::current_exe()
            .map(WorkerCommand::new)
            .map_err(|e| ImportError::Worker {
                detail: e.kind().to_string(),
            })
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Request {
    path: PathBuf,
    options: ReadOptions,
}

/// Returns at once unless the process was started as a reader; in that case reads the request
/// from stdin, answers on stdout and exits.
pub fn run_if_worker() {
    if std::env::args_os().nth(1).as_deref() != Some(OsStr::new(WORKER_ARG)) {
        return;
    }
    // A panic message could quote cell text: print only where it happened.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("reader panicked at {at}");
    }));
    let code = match serve() {
        Ok(()) => 0,
        Err(_) => 3,
    };
    std::process::exit(code);
}

fn serve() -> std::io::Result<()> {
    let mut request = Vec::new();
    std::io::stdin().read_to_end(&mut request)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let request: Request = match serde_json::from_slice(&request) {
        Ok(r) => r,
        Err(e) => {
            let err = ImportError::Worker {
                detail: format!("bad request: {e}"),
            };
            return wire::write_frame(&mut out, wire::TAG_ERROR, &wire::encode_error(&err));
        }
    };
    let mut progress_out = std::io::stdout();
    let mut on_progress = |p: Progress| {
        let _ = wire::write_frame(
            &mut progress_out,
            wire::TAG_PROGRESS,
            &wire::encode_progress(p),
        );
    };
    drop(out);
    let result = read::read_table_with_progress(&request.path, &request.options, &mut on_progress);
    let mut out = stdout.lock();
    match result {
        Ok(table) => wire::write_frame(&mut out, wire::TAG_TABLE, &wire::encode_table(&table)),
        Err(e) => wire::write_frame(&mut out, wire::TAG_ERROR, &wire::encode_error(&e)),
    }
}

/// Read a file in a capped child process (see the module docs).
pub fn read_table_isolated(
    path: &Path,
    options: &ReadOptions,
    worker: &WorkerCommand,
) -> Result<Table, ImportError> {
    read_table_isolated_with_progress(path, options, worker, &mut |_| {})
}

enum Event {
    Progress(Progress),
    Done(Result<Table, ImportError>),
}

/// [`read_table_isolated`], reporting progress from the child.
pub fn read_table_isolated_with_progress(
    path: &Path,
    options: &ReadOptions,
    worker: &WorkerCommand,
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, ImportError> {
    read::precheck_file(path, options)?;
    let path = std::path::absolute(path)?;
    let started = Instant::now();
    let mut child = spawn(worker, &options.limits)?;
    let request = serde_json::to_vec(&Request {
        path,
        options: options.clone(),
    })
    .map_err(|e| ImportError::Worker {
        detail: e.to_string(),
    })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A child that died at once closes the pipe; its exit status tells why.
        let _ = stdin.write_all(&request);
    }
    let (tx, rx) = mpsc::channel();
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        loop {
            match wire::read_frame(&mut stdout) {
                Ok(Some((wire::TAG_PROGRESS, p))) => {
                    if let Some(p) = wire::decode_progress(&p) {
                        let _ = tx.send(Event::Progress(p));
                    }
                }
                Ok(Some((wire::TAG_TABLE, t))) => {
                    let table = wire::decode_table(&t).ok_or_else(malformed);
                    let _ = tx.send(Event::Done(table));
                }
                Ok(Some((wire::TAG_ERROR, e))) => {
                    let err = wire::decode_error(&e).unwrap_or_else(malformed);
                    let _ = tx.send(Event::Done(Err(err)));
                }
                Ok(Some(_)) => {
                    let _ = tx.send(Event::Done(Err(malformed())));
                }
                Ok(None) | Err(_) => break,
            }
        }
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    let stderr_reader = std::thread::spawn(move || {
        let mut tail = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            tail.extend_from_slice(&buf[..n]);
            if tail.len() > 16 * 1024 {
                tail.drain(..tail.len() - 16 * 1024);
            }
        }
        String::from_utf8_lossy(&tail).into_owned()
    });

    let deadline = started + options.limits.time_limit;
    let mut answer = None;
    let timed_out = loop {
        let now = Instant::now();
        if now >= deadline {
            break true;
        }
        match rx.recv_timeout(deadline - now) {
            Ok(Event::Progress(p)) => progress(p),
            Ok(Event::Done(r)) => answer = Some(r),
            Err(mpsc::RecvTimeoutError::Timeout) => break true,
            Err(mpsc::RecvTimeoutError::Disconnected) => break false,
        }
    };
    if timed_out {
        let _ = child.kill();
    }
    let status = wait(&mut child)?;
    let _ = reader.join();
    let stderr = stderr_reader.join().unwrap_or_default();
    if timed_out {
        return Err(ImportError::TookTooLong {
            seconds: options.limits.time_limit.as_secs(),
        });
    }
    match answer {
        Some(result) if status.success() => result,
        _ => Err(death(status, &stderr, options)),
    }
}

fn malformed() -> ImportError {
    ImportError::Worker {
        detail: "the reader's answer was malformed".into(),
    }
}

fn wait(child: &mut Child) -> Result<ExitStatus, ImportError> {
    child.wait().map_err(|e| ImportError::Worker {
        detail: e.kind().to_string(),
    })
}

/// Explain a child that ended without an answer.
fn death(status: ExitStatus, stderr: &str, options: &ReadOptions) -> ImportError {
    let limit_mib = options.limits.memory_bytes / (1024 * 1024);
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return ImportError::NeedsTooMuchMemory { limit_mib };
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return match sig {
                libc::SIGXCPU => ImportError::TookTooLong {
                    seconds: options.limits.time_limit.as_secs(),
                },
                libc::SIGKILL => ImportError::NeedsTooMuchMemory { limit_mib },
                libc::SIGABRT => ImportError::ReaderCrashed {
                    detail: "aborted".into(),
                },
                libc::SIGSEGV | libc::SIGBUS => ImportError::ReaderCrashed {
                    detail: "memory fault".into(),
                },
                other => ImportError::ReaderCrashed {
                    detail: format!("signal {other}"),
                },
            };
        }
    }
    if stderr.contains("reader panicked") {
        return ImportError::ReaderCrashed {
            detail: "panic".into(),
        };
    }
    ImportError::ReaderCrashed {
        detail: format!("exit status {}", status.code().unwrap_or(-1)),
    }
}

fn spawn(worker: &WorkerCommand, limits: &crate::Limits) -> Result<Child, ImportError> {
    let mut cmd = Command::new(&worker.program);
    cmd.args(&worker.args)
        .arg(WORKER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let memory = limits.memory_bytes as libc::rlim_t;
        let cpu = limits.time_limit.as_secs().saturating_add(1) as libc::rlim_t;
        // SAFETY: only async-signal-safe calls (setrlimit) run between fork and exec.
        #[allow(unsafe_code)]
        unsafe {
            cmd.pre_exec(move || {
                let set = |resource, value: libc::rlim_t| {
                    let lim = libc::rlimit {
                        rlim_cur: value,
                        rlim_max: value,
                    };
                    if libc::setrlimit(resource, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                };
                set(libc::RLIMIT_AS, memory)?;
                set(libc::RLIMIT_CPU, cpu)?;
                set(libc::RLIMIT_CORE, 0)?;
                Ok(())
            });
        }
    }
    #[cfg(not(unix))]
    let _ = limits;
    cmd.spawn().map_err(|e| ImportError::Worker {
        detail: e.kind().to_string(),
    })
}
