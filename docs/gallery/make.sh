#!/usr/bin/env bash
# Regenerate the README's gallery: the four prompts of OpenAI's video guide through
# `kino generate` (1280x720, 4 s, seed 1), each with its middle frame as a JPEG, and the
# VBench gallery page (docs/gallery/vbench.md). Needs ffmpeg (to take the frame).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -p kino -p kino-bench
clip() {
  ./target/release/kino generate "$2" --size 1280x720 --seconds 4 --seed 1 -o "docs/gallery/$1.mp4"
  ffmpeg -loglevel error -y -ss 2 -i "docs/gallery/$1.mp4" -frames:v 1 -q:v 4 "docs/gallery/$1.jpg"
}
clip taxi "Wide tracking shot of a yellow taxi crossing a rain-soaked city street at blue hour, neon reflections, natural ambient audio."
clip thank-you "A video of the words 'Thank you' in sparkling letters"
clip coffee "Close-up of a steaming coffee cup on a wooden table, morning light through blinds"
clip kite "Wide shot of a child flying a red kite in a grassy park, golden hour sunlight, camera slowly pans upward."
./target/release/kino-bench vbench --gallery docs/gallery
