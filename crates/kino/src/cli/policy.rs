//! `kino policy`: the effective content policy (built-in rules as changed by a policy file),
//! and a dry run of a prompt or image against it.
use std::path::PathBuf;

use clap::Args;

use crate::config::PolicyConfig;

#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(flatten)]
    pub policy: PolicyConfig,
    /// Print the policy as JSON.
    #[arg(long)]
    pub json: bool,
    /// Check a prompt: print the rule it breaks (and the list entry, for the operator) and
    /// exit with status 1, or print "allowed".
    #[arg(long, value_name = "PROMPT")]
    pub check: Option<String>,
    /// Check an image (PNG, JPEG, WebP) against `input_faces`: print the faces found.
    #[arg(long, value_name = "FILE")]
    pub image: Option<PathBuf>,
}

pub fn run(args: PolicyArgs) -> anyhow::Result<()> {
    let policy = args.policy.load()?;
    let mut refused = false;
    if let Some(prompt) = &args.check {
        match policy.check_prompt(prompt) {
            Ok(()) => println!("prompt: allowed"),
            Err(b) => {
                refused = true;
                println!("prompt: blocked by rule '{}' ({}), entry '{}'", b.rule, b.title, b.entry.unwrap_or_default());
            }
        }
    }
    if let Some(path) = &args.image {
        let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let image = kino_media::decode_image(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let gray = kino_guard::Gray::from_packed(&image.rgba, image.width, image.height, 4);
        let faces = kino_guard::faces::detect(&gray, &policy.input_faces.settings);
        for f in &faces {
            println!("face at {},{} {}x{} score {:.2}", f.x, f.y, f.width, f.height, f.score);
        }
        if faces.is_empty() {
            println!("image: no face found");
        } else if policy.input_faces.enabled {
            refused = true;
            println!("image: blocked by rule '{}'", policy.input_faces.id);
        }
    }
    if args.check.is_none() && args.image.is_none() {
        if args.json {
            println!("{}", serde_json::to_string_pretty(&policy.to_json())?);
        } else {
            print!("{}", policy.describe());
        }
    }
    if refused {
        std::process::exit(1);
    }
    Ok(())
}
