//! LoRA against diffusers: the tiny Wan 2.1 transformer with random LoRAs in both formats
//! (diffusers/PEFT keys, ComfyUI/kohya keys with alpha), merged by Kino, against diffusers'
//! `load_lora_weights` + `set_adapters` on the same files (`fixtures/make_lora_fixtures.py`);
//! and the files a LoRA loader must refuse.
mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use common::{device, fixtures, max_diff, reference};
use kino_wan::WanError;
use kino_wan::candle_nn::VarBuilder;
use kino_wan::load::{read_json, weight_files};
use kino_wan::lora::{Lora, Merged};
use kino_wan::transformer::{TransformerConfig, WanTransformer};

fn transformer_files() -> (TransformerConfig, Vec<PathBuf>) {
    let dir = fixtures().join("wan21-tiny").join("transformer");
    (read_json(&dir.join("config.json")).unwrap(), weight_files(&dir, "diffusion_pytorch_model").unwrap())
}

/// Load, check against the model, merge: what serving a LoRA set does.
fn with_loras(set: &[(&str, f32)]) -> Result<WanTransformer, WanError> {
    let (config, files) = transformer_files();
    let shape_of = Merged::shape_of(&files)?;
    let mut loras = Vec::new();
    for (file, _) in set {
        let path = fixtures().join("lora").join(file);
        let lora = Lora::load(&path)?;
        lora.check(&path, &shape_of)?;
        loras.push(lora);
    }
    let scaled: Vec<(&Lora, f32)> = loras.iter().zip(set).map(|(l, (_, s))| (l, *s)).collect();
    let vb = VarBuilder::from_backend(Box::new(Merged::new(&files, &scaled)?), DType::F32, device());
    WanTransformer::new(config, vb)
}

#[test]
fn loras_in_both_formats_match_diffusers_within_1e_4() {
    let inputs = reference("transformer_wan21");
    let want = reference("transformer_wan21_lora");
    let ts: Vec<f32> = inputs["timestep"].to_vec1().unwrap();
    let run =
        |t: &WanTransformer| t.forward(&inputs["hidden_states"], &ts, false, &inputs["encoder_hidden_states"]).unwrap();
    let plain = run(&with_loras(&[]).unwrap());
    for (key, set) in [
        ("peft_0.8", vec![("peft.safetensors", 0.8)]),
        ("kohya_1.0", vec![("kohya.safetensors", 1.0)]),
        ("both", vec![("peft.safetensors", 0.8), ("kohya.safetensors", 0.5)]),
    ] {
        let out = run(&with_loras(&set).unwrap());
        let d = max_diff(&out, &want[key]);
        eprintln!("{key}: max |diff| {d:e} against diffusers");
        assert!(d <= 1e-4, "{key}: max |diff| {d:e} against diffusers");
        // And the LoRA did something: the test cannot pass by ignoring it.
        assert!(max_diff(&out, &plain) > 1e-2, "{key}: no change from the plain model");
    }
}

fn write(dir: &Path, name: &str, tensors: &[(&str, Tensor)]) -> PathBuf {
    let map: HashMap<String, Tensor> = tensors.iter().map(|(k, t)| ((*k).to_string(), t.clone())).collect();
    let path = dir.join(name);
    candle_core::safetensors::save(&map, &path).unwrap();
    path
}

fn refused(path: &Path) -> String {
    let (_, files) = transformer_files();
    let shape_of = Merged::shape_of(&files).unwrap();
    match Lora::load(path).and_then(|l| l.check(path, &shape_of)) {
        Ok(()) => panic!("{} was accepted", path.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_lora_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let z = |r: usize, c: usize| Tensor::zeros((r, c), DType::F32, &Device::Cpu).unwrap();
    let (_, files) = transformer_files();
    let shape_of = Merged::shape_of(&files).unwrap();
    let (out, inp) = shape_of("blocks.0.attn1.to_q.weight").unwrap();
    let nan = Tensor::full(f32::NAN, (4, inp), &Device::Cpu).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixtures().join("lora").join("other_model.safetensors"), "for another model"),
        (
            write(
                dir.path(),
                "nan.safetensors",
                &[
                    ("transformer.blocks.0.attn1.to_q.lora_A.weight", nan),
                    ("transformer.blocks.0.attn1.to_q.lora_B.weight", z(out, 4)),
                ],
            ),
            "not finite",
        ),
        (
            write(dir.path(), "unet.safetensors", &[("lora_unet_down_blocks_0.lora_down.weight", z(4, 8))]),
            "not a Wan transformer LoRA",
        ),
        (
            write(dir.path(), "half.safetensors", &[("transformer.blocks.0.attn1.to_q.lora_A.weight", z(4, inp))]),
            "needs both",
        ),
        (
            write(
                dir.path(),
                "ranks.safetensors",
                &[
                    ("transformer.blocks.0.attn1.to_q.lora_A.weight", z(4, inp)),
                    ("transformer.blocks.0.attn1.to_q.lora_B.weight", z(out, 8)),
                ],
            ),
            "ranks disagree",
        ),
        (
            write(
                dir.path(),
                "deep.safetensors",
                &[
                    ("transformer.blocks.99.attn1.to_q.lora_A.weight", z(4, inp)),
                    ("transformer.blocks.99.attn1.to_q.lora_B.weight", z(out, 4)),
                ],
            ),
            "no layer blocks.99",
        ),
        (dir.path().join("missing.safetensors"), "missing.safetensors"),
    ];
    for (path, why) in cases {
        let message = refused(&path);
        assert!(message.contains(why), "{}: {message}", path.display());
    }
}

/// Two denoising steps of the tiny Wan 2.1 pipeline with `loras` chosen.
fn denoise(m: &kino_wan::pipeline::WanModel, loras: &[(&str, f32)]) -> Result<Tensor, WanError> {
    let req = kino_wan::pipeline::Request {
        prompt: "a red kite".into(),
        negative_prompt: String::new(),
        width: 32,
        height: 32,
        frames: 5,
        steps: 2,
        guidance_scale: 1.0,
        seed: 1,
        image: None,
        loras: loras.iter().map(|(n, s)| ((*n).to_string(), *s)).collect(),
    };
    let noise = m.noise(&req)?;
    m.denoise(&req, noise, &mut |_, _| true)
}

#[test]
fn a_model_serves_its_loras_by_name_and_keeps_a_bounded_cache_of_merges() {
    use kino_wan::pipeline::{LoadOptions, WanModel};
    let options = LoadOptions { max_sequence_length: 16, device: device(), ..LoadOptions::default() };
    let mut m = WanModel::load(&fixtures().join("wan21-tiny"), options).unwrap();
    m.add_lora("ink", &fixtures().join("lora").join("peft.safetensors")).unwrap();
    m.add_lora("clay", &fixtures().join("lora").join("kohya.safetensors")).unwrap();
    // Refused at start-up, naming the file and the reason.
    let refused = m.add_lora("wide", &fixtures().join("lora").join("other_model.safetensors")).unwrap_err();
    assert!(refused.to_string().contains("another model"), "{refused}");
    assert_eq!(m.lora_names().collect::<Vec<_>>(), ["clay", "ink"]);
    m.max_lora_sets = 1;

    let plain = denoise(&m, &[]).unwrap();
    let ink = denoise(&m, &[("ink", 0.8)]).unwrap();
    assert!(max_diff(&plain, &ink) > 1e-3, "the LoRA changed nothing");
    // Back to the plain model: no merge in its way.
    assert_eq!(max_diff(&plain, &denoise(&m, &[]).unwrap()), 0.0);
    // The same set again is the same merge; another set replaces it (one set resident).
    assert_eq!(max_diff(&ink, &denoise(&m, &[("ink", 0.8)]).unwrap()), 0.0);
    assert_eq!(m.lora_sets_resident(), 1);
    let both = denoise(&m, &[("ink", 0.8), ("clay", 0.5)]).unwrap();
    assert!(max_diff(&both, &ink) > 1e-4);
    assert_eq!(m.lora_sets_resident(), 1);
    assert_eq!(max_diff(&ink, &denoise(&m, &[("ink", 0.8)]).unwrap()), 0.0, "rebuilt after eviction, same result");
    // A name the model does not serve is refused, with the names it does.
    let unknown = denoise(&m, &[("nope", 1.0)]).unwrap_err().to_string();
    assert!(unknown.contains("'nope'") && unknown.contains("clay, ink"), "{unknown}");
}
