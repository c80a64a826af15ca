"""Personal samples: stored as documented, listed, counted, deleted, loaded for training."""

import json

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.samples import FORMAT, SampleStore, default_samples_dir
from lenet_gui.errors import DataError, ImageError


def drawing(offset=0):
    img = Image.new("RGBA", (200, 200), (255, 255, 255, 255))
    ImageDraw.Draw(img).line([(60 + offset, 40), (140, 40), (90, 170)], fill=(0, 0, 0, 255), width=12)
    return np.asarray(img)


def test_a_sample_is_stored_as_documented_in_the_user_folder(private_user_dir):
    store = SampleStore()
    image = drawing()
    sample = store.add(image, 7)
    assert store.root == default_samples_dir() == private_user_dir / "samples"
    original = store.root / "7" / f"{sample.id}.png"
    network_input = store.root / "7" / f"{sample.id}-input.png"
    assert np.array_equal(np.asarray(Image.open(original)), image)
    assert np.array_equal(np.asarray(Image.open(network_input)), preprocess(image).image)
    index = json.loads((store.root / "index.json").read_text())
    assert index["format"] == FORMAT
    assert index["samples"] == [
        {"id": sample.id, "label": 7, "created": sample.created, "preprocessing_version": sample.preprocessing_version}
    ]
    assert not [p for p in store.root.rglob("*.tmp")]


def test_list_count_delete(tmp_path):
    store = SampleStore(tmp_path / "mine")
    a = store.add(drawing(0), 7)
    b = store.add(drawing(10), 7)
    c = store.add(drawing(20), 1)
    assert [s.id for s in store.list()] == [a.id, b.id, c.id]
    assert [s.id for s in store.list(7)] == [a.id, b.id]
    assert store.counts() == {**dict.fromkeys(range(10), 0), 7: 2, 1: 1}
    store.delete(b.id)
    assert [s.id for s in store.list()] == [a.id, c.id]
    assert not store.original_path(b).exists() and not store.input_path(b).exists()
    store.delete(b.id)  # already gone: no error
    assert SampleStore(tmp_path / "mine").counts()[7] == 1  # a fresh store reads the same index


def test_load_split_gives_network_inputs_and_labels(tmp_path):
    store = SampleStore(tmp_path)
    store.add(drawing(0), 7)
    store.add(drawing(30), 2)
    split = store.load_split()
    assert split.images.shape == (2, 28, 28) and split.images.dtype == torch.uint8
    assert split.labels.tolist() == [7, 2]
    assert np.array_equal(split.images[1].numpy(), preprocess(drawing(30)).image)


def test_samples_of_an_older_preprocessing_are_preprocessed_again(tmp_path):
    store = SampleStore(tmp_path)
    sample = store.add(drawing(), 3)
    store.input_path(sample).write_bytes(b"stale")  # would fail to decode if it were used
    index = json.loads((tmp_path / "index.json").read_text())
    index["samples"][0]["preprocessing_version"] = 0
    (tmp_path / "index.json").write_text(json.dumps(index))
    assert np.array_equal(store.load_split().images[0].numpy(), preprocess(drawing()).image)


def test_empty_store_and_bad_input(tmp_path):
    store = SampleStore(tmp_path)
    assert store.list() == [] and len(store.load_split()) == 0
    with pytest.raises(ImageError):
        store.add(np.full((50, 50), 255, dtype=np.uint8), 4)
    with pytest.raises(DataError):
        store.add(drawing(), 10)


@pytest.mark.parametrize("broken", [b"{not json", b'{"format": "something-else/9", "samples": []}', b"\x89PNG\x00"])
def test_an_unreadable_index_is_set_aside_and_rebuilt_from_the_drawings(tmp_path, broken):
    store = SampleStore(tmp_path)
    stored = [store.add(drawing(0), 3), store.add(drawing(20), 7), store.add(drawing(40), 3)]
    (tmp_path / "index.json").write_bytes(broken)

    again = SampleStore(tmp_path)
    listed = again.list()
    notice = again.rebuilt
    assert sorted((s.id, s.label) for s in listed) == sorted((s.id, s.label) for s in stored)
    assert "unreadable" in notice and "rebuilt from the 3 drawings" in notice
    aside = list(tmp_path.glob("index.json.unreadable-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == broken and aside[0].name in notice
    assert again.counts()[3] == 2 and again.counts()[7] == 1
    assert json.loads((tmp_path / "index.json").read_text())["format"] == FORMAT
    by_id = {s.id: i for i, s in enumerate(listed)}
    images = again.load_split().images
    for sample, offset in zip(stored, (0, 20, 40), strict=True):
        assert np.array_equal(images[by_id[sample.id]].numpy(), preprocess(drawing(offset)).image)
    assert SampleStore(tmp_path).list() == listed and again.rebuilt is None  # the new index reads back


def test_a_rebuilt_index_keeps_the_stored_order(tmp_path):
    store = SampleStore(tmp_path)
    first, second = store.add(drawing(), 5), store.add(drawing(10), 1)
    (tmp_path / "index.json").write_text("[]")
    assert [s.id for s in SampleStore(tmp_path).list()] == sorted([first.id, second.id])
