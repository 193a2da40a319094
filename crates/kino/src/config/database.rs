//! `database`: which database to open. `--database-url` is a flag of the storage section
//! (it sits beside `--data-dir`, which decides the SQLite default); its type and the rule
//! for the default live here, shared by `kino serve` and the admin commands.
use std::path::Path;

/// `--database-url`, else the SQLite file in `data_dir` (shared by `serve` and the admin
/// commands, so they always open the same database).
pub fn database_url(url: Option<&DatabaseUrl>, data_dir: &Path) -> String {
    match url {
        Some(url) => url.0.clone(),
        None => format!("sqlite://{}", data_dir.join("kino.sqlite").display()),
    }
}

/// A database URL, which may carry a password: logged without it.
#[derive(Clone)]
pub struct DatabaseUrl(pub String);

impl std::str::FromStr for DatabaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = ["postgres://", "postgresql://", "sqlite:"].iter().any(|p| s.starts_with(p));
        if ok { Ok(Self(s.to_string())) } else { Err("expected postgres://… or sqlite://PATH".into()) }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::repo::redact(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_not_logged() {
        let url: DatabaseUrl = "postgres://kino:hunter2@db/kino".parse().unwrap();
        assert!(!format!("{url:?}").contains("hunter2"), "{url:?}");
        assert!("mysql://x".parse::<DatabaseUrl>().is_err());
        assert_eq!(database_url(None, Path::new("/d")), "sqlite:///d/kino.sqlite");
    }
}
