"""Primary keys are version 7 UUIDs that increase, so "newest first" is key order."""

from klantbeeld.domain.models.base import uuid7


def test_uuid7_keys_are_valid_unique_and_increasing():
    keys = [uuid7() for _ in range(20000)]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert all(key.version == 7 and key.variant == "specified in RFC 4122" for key in keys)
