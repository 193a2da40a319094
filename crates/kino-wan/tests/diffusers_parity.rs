//! Each component against diffusers/transformers on the tiny random-weight checkpoints in
//! `tests/fixtures` (made by `fixtures/make_fixtures.py`), loaded through the real loading
//! code. Tolerances are absolute, on float32: 1e-5 where the arithmetic is the same
//! sequence of operations, 1e-4 where summation order differs (matmuls, convolutions).
mod common;

use candle_core::{DType, Tensor};
use common::{device, fixtures, max_diff, reference};
use kino_wan::load::{read_json, var_builder};
use kino_wan::scheduler::{SchedulerConfig, UniPc};
use kino_wan::transformer::{TransformerConfig, WanTransformer};
use kino_wan::umt5::{Umt5Config, Umt5Encoder};
use kino_wan::vae::{VaeConfig, WanVae};

fn assert_close(what: &str, got: &Tensor, want: &Tensor, tol: f32) {
    let d = max_diff(got, want);
    assert!(d <= tol, "{what}: max |diff| {d:e} > {tol:e}");
}

#[test]
fn scheduler_timesteps_sigmas_and_every_step() {
    let r = reference("scheduler");
    for (shift, model) in [(3, "wan21-tiny"), (5, "wan22-tiny")] {
        let mut config =
            SchedulerConfig::from_file(&fixtures().join(model).join("scheduler/scheduler_config.json")).unwrap();
        config.flow_shift = f64::from(shift);
        for n in [2usize, 4, 50] {
            let s = UniPc::new(config.clone(), n);
            let want: Vec<i64> = r[&format!("shift{shift}.n{n}.timesteps")].to_vec1().unwrap();
            assert_eq!(s.timesteps, want, "shift {shift} n {n}");
            let sigmas: Vec<f32> = r[&format!("shift{shift}.n{n}.sigmas")].to_vec1().unwrap();
            for (a, b) in s.sigmas.iter().zip(&sigmas) {
                assert!((*a as f32 - b).abs() <= 1e-7, "shift {shift} n {n}: {a} vs {b}");
            }
        }
        for n in [2usize, 4] {
            let key = |k: &str| format!("shift{shift}.loop{n}.{k}");
            let mut s = UniPc::new(config.clone(), n);
            let mut sample = r[&key("sample_0")].clone();
            for i in 0..n {
                sample = s.step(&r[&key(&format!("model_output_{i}"))], &sample).unwrap();
                assert_close(&key(&format!("prev_sample_{i}")), &sample, &r[&key(&format!("prev_sample_{i}"))], 1e-5);
            }
        }
    }
}

#[test]
fn tokenizer_pads_and_ends_like_the_pipeline() {
    let r = reference("tokenizer");
    let prompts: serde_json::Value = read_json(&fixtures().join("reference/prompts.json")).unwrap();
    let tok = kino_wan::text::TextTokenizer::load(&fixtures().join("wan21-tiny/tokenizer"), 16).unwrap();
    let want_ids: Vec<Vec<i64>> = r["input_ids"].to_vec2().unwrap();
    let want_mask: Vec<Vec<i64>> = r["attention_mask"].to_vec2().unwrap();
    for (i, p) in prompts["prompts"].as_array().unwrap().iter().enumerate() {
        let raw = p["raw"].as_str().unwrap();
        assert_eq!(kino_wan::text::clean(raw), p["cleaned"].as_str().unwrap(), "cleaning {raw:?}");
        let (ids, mask) = tok.encode(&kino_wan::text::clean(raw)).unwrap();
        assert_eq!(ids.iter().map(|&x| i64::from(x)).collect::<Vec<_>>(), want_ids[i], "ids of {raw:?}");
        assert_eq!(mask.iter().map(|&x| i64::from(x)).collect::<Vec<_>>(), want_mask[i], "mask of {raw:?}");
    }
}

#[test]
fn umt5_encoder_hidden_states() {
    let r = reference("text_encoder");
    let dir = fixtures().join("wan21-tiny/text_encoder");
    let config: Umt5Config = read_json(&dir.join("config.json")).unwrap();
    let enc = Umt5Encoder::new(config, var_builder(&dir, "model", DType::F32, &device()).unwrap()).unwrap();
    let ids = r["input_ids"].to_dtype(DType::U32).unwrap();
    let out = enc.forward(&ids, &r["attention_mask"]).unwrap();
    assert_close("last_hidden_state", &out, &r["last_hidden_state"], 1e-4);
}

fn transformer(model: &str) -> WanTransformer {
    let dir = fixtures().join(model).join("transformer");
    let config: TransformerConfig = read_json(&dir.join("config.json")).unwrap();
    WanTransformer::new(config, var_builder(&dir, "diffusion_pytorch_model", DType::F32, &device()).unwrap()).unwrap()
}

#[test]
fn transformer_forward_wan21() {
    let r = reference("transformer_wan21");
    let t = transformer("wan21-tiny");
    let ts: Vec<f32> = r["timestep"].to_vec1().unwrap();
    let out = t.forward(&r["hidden_states"], &ts, false, &r["encoder_hidden_states"]).unwrap();
    assert_close("output", &out, &r["output"], 1e-4);
}

#[test]
fn transformer_forward_wan22_with_per_token_timesteps() {
    let r = reference("transformer_wan22");
    let t = transformer("wan22-tiny");
    let ts: Vec<f32> = r["timestep"].to_vec1().unwrap();
    let out = t.forward(&r["hidden_states"], &ts, false, &r["encoder_hidden_states"]).unwrap();
    assert_close("output", &out, &r["output"], 1e-4);
    for (key, want) in [("timestep_expanded", "output_expanded"), ("timestep_ti2v", "output_ti2v")] {
        let ts: Vec<f32> = r[key].flatten_all().unwrap().to_vec1().unwrap();
        let out = t.forward(&r["hidden_states"], &ts, true, &r["encoder_hidden_states"]).unwrap();
        assert_close(want, &out, &r[want], 1e-4);
    }
}

fn vae(model: &str) -> WanVae {
    let dir = fixtures().join(model).join("vae");
    let config: VaeConfig = read_json(&dir.join("config.json")).unwrap();
    WanVae::new(config, var_builder(&dir, "diffusion_pytorch_model", DType::F32, &device()).unwrap()).unwrap()
}

#[test]
fn vae_decode_and_encode() {
    for (model, name) in [("wan21-tiny", "vae_wan21"), ("wan22-tiny", "vae_wan22")] {
        let r = reference(name);
        let v = vae(model);
        for f in ["2f", "3f"] {
            let out = v.decode(&r[&format!("decode_in_{f}")]).unwrap();
            assert_close(&format!("{model} decode {f}"), &out, &r[&format!("decode_out_{f}")], 1e-4);
        }
        for f in ["5f", "9f"] {
            let mean = v.encode(&r[&format!("encode_in_{f}")]).unwrap();
            assert_close(&format!("{model} encode {f}"), &mean, &r[&format!("encode_mean_{f}")], 1e-4);
        }
    }
}

fn pipeline_case(model: &str, name: &str, size: usize, image: bool) {
    use kino_wan::pipeline::{LoadOptions, Request, WanModel};
    let r = reference(name);
    let prompts: serde_json::Value = read_json(&fixtures().join("reference/prompts.json")).unwrap();
    let options = LoadOptions { max_sequence_length: 16, device: device(), ..LoadOptions::default() };
    let m = WanModel::load(&fixtures().join(model), options).unwrap();
    let key = if image { "ti2v_prompt" } else { "pipeline_prompt" };
    let req = Request {
        prompt: prompts[key].as_str().unwrap().to_string(),
        negative_prompt: prompts["pipeline_negative_prompt"].as_str().unwrap().to_string(),
        width: size,
        height: size,
        frames: 5,
        steps: 2,
        guidance_scale: 5.0,
        seed: 0,
        image: image
            .then(|| r["image_u8"].flatten_all().unwrap().to_vec1::<f32>().unwrap().iter().map(|&v| v as u8).collect()),
        loras: Vec::new(),
    };
    let mut seen = Vec::new();
    let latents = m.denoise(&req, r["initial_latents"].clone(), &mut |i, n| {
        seen.push((i, n));
        true
    });
    let latents = latents.unwrap();
    assert_eq!(seen, vec![(1, 2), (2, 2)], "a callback per step");
    assert_close(&format!("{name} final latents"), &latents, &r["final_latents"], 1e-4);
    let video = m.generate(&req, r["initial_latents"].clone(), &mut |_, _| true).unwrap();
    let frames = ((video / 2.0).unwrap() + 0.5)
        .unwrap()
        .clamp(0f32, 1f32)
        .unwrap()
        .permute((1, 2, 3, 0))
        .unwrap()
        .unsqueeze(0)
        .unwrap();
    assert_close(&format!("{name} frames"), &frames, &r["frames"], 1e-4);
    // Stopping between steps.
    let stopped = m.denoise(&req, r["initial_latents"].clone(), &mut |i, _| i < 1);
    assert!(matches!(stopped, Err(kino_wan::WanError::Cancelled)));
}

#[test]
fn pipeline_wan21_text_to_video() {
    pipeline_case("wan21-tiny", "pipeline_wan21_t2v", 32, false);
}

#[test]
fn pipeline_wan22_text_to_video() {
    pipeline_case("wan22-tiny", "pipeline_wan22_t2v", 64, false);
}

#[test]
fn pipeline_wan22_image_to_video() {
    pipeline_case("wan22-tiny", "pipeline_wan22_ti2v", 64, true);
}

/// The memory options: an offloaded text encoder gives the same result; bf16 stays close.
#[test]
fn offloading_and_bf16() {
    use kino_wan::pipeline::{LoadOptions, Request, WanModel};
    let r = reference("pipeline_wan21_t2v");
    let prompts: serde_json::Value = read_json(&fixtures().join("reference/prompts.json")).unwrap();
    let req = Request {
        prompt: prompts["pipeline_prompt"].as_str().unwrap().to_string(),
        negative_prompt: prompts["pipeline_negative_prompt"].as_str().unwrap().to_string(),
        width: 32,
        height: 32,
        frames: 5,
        steps: 2,
        guidance_scale: 5.0,
        seed: 0,
        image: None,
        loras: Vec::new(),
    };
    let run = |options: LoadOptions| {
        let m = WanModel::load(&fixtures().join("wan21-tiny"), options).unwrap();
        m.denoise(&req, r["initial_latents"].clone(), &mut |_, _| true).unwrap()
    };
    let base = LoadOptions { max_sequence_length: 16, device: device(), ..LoadOptions::default() };
    let offloaded = run(LoadOptions { offload_text_encoder: true, ..base.clone() });
    assert_close("offloaded text encoder", &offloaded, &r["final_latents"], 1e-4);
    let bf16 = run(LoadOptions { dtype: DType::BF16, ..base });
    let scale = max_diff(&r["final_latents"], &r["final_latents"].zeros_like().unwrap());
    let d = max_diff(&bf16, &r["final_latents"]);
    assert!(d <= 0.05 * scale, "bf16 drifts {d} against a latent range of {scale}");
}
