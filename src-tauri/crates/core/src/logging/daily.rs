//! A log file a day, its owner's only (0600), appended to by this process; files older than
//! [`KEEP_DAYS`] days are removed when one is opened.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::civil::Date;

use tahsildar_words::mask_digit_runs;

/// How many days of logs are kept.
pub const KEEP_DAYS: i64 = 14;

/// Today's log file of one program, reopened when the day changes.
pub struct DailyFile {
    dir: PathBuf,
    program: &'static str,
    open: Mutex<Option<(Date, File)>>,
}

fn today() -> Date {
    crate::plan::today(&crate::SystemClock)
}

impl DailyFile {
    /// Logs of `program` in `dir` (created private).
    pub fn open(dir: &Path, program: &'static str) -> io::Result<DailyFile> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
        Ok(DailyFile {
            dir: dir.to_path_buf(),
            program,
            open: Mutex::new(None),
        })
    }

    fn path_of(&self, day: Date) -> PathBuf {
        self.dir.join(format!("{}-{day}.log", self.program))
    }

    /// Removes this program's files older than the days kept.
    fn prune(&self, today: Date) {
        let Ok(oldest) = today.checked_sub(jiff::Span::new().days(KEEP_DAYS - 1)) else {
            return;
        };
        let prefix = format!("{}-", self.program);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let day = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".log"))
                .and_then(|d| d.parse::<Date>().ok());
            if day.is_some_and(|d| d < oldest) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn write_line(&self, bytes: &[u8]) -> io::Result<()> {
        let day = today();
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.as_ref().is_none_or(|(d, _)| *d != day) {
            let mut options = std::fs::OpenOptions::new();
            options.create(true).append(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options.open(self.path_of(day))?;
            self.prune(day);
            *open = Some((day, file));
        }
        let text = mask_digit_runs(&String::from_utf8_lossy(bytes));
        match open.as_mut() {
            Some((_, file)) => file.write_all(text.as_bytes()),
            None => Ok(()),
        }
    }
}

impl Write for &DailyFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_line(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_has_its_file_and_old_days_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        let file = DailyFile::open(&logs, "test").unwrap();
        let old = today()
            .checked_sub(jiff::Span::new().days(KEEP_DAYS))
            .unwrap();
        let kept = today()
            .checked_sub(jiff::Span::new().days(KEEP_DAYS - 1))
            .unwrap();
        std::fs::write(logs.join(format!("test-{old}.log")), "old").unwrap();
        std::fs::write(logs.join(format!("test-{kept}.log")), "kept").unwrap();
        std::fs::write(logs.join(format!("other-{old}.log")), "another program's").unwrap();
        (&file).write_all(b"paid with 4355093000315232\n").unwrap();
        let written = std::fs::read_to_string(logs.join(format!("test-{}.log", today()))).unwrap();
        assert_eq!(written, "paid with ************5232\n");
        assert!(!logs.join(format!("test-{old}.log")).exists());
        assert!(logs.join(format!("test-{kept}.log")).exists());
        assert!(logs.join(format!("other-{old}.log")).exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&logs), 0o700);
            assert_eq!(mode(&logs.join(format!("test-{}.log", today()))), 0o600);
        }
    }
}
