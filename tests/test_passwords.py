from translate_pub.passwords import hash_password, verify_password


def test_right_and_wrong_password():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")


def test_unknown_user_is_refused_after_the_same_work():
    assert not verify_password(None, "anything at all")
    assert not verify_password("not-a-hash", "anything at all")
