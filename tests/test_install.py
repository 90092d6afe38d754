"""What the installation puts on the import path: the flows/ folder as `translate_pub_flows`, and no
top-level package with a name as generic as `flows` (setup.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import importlib.util, json
import translate_pub_flows.publish, translate_pub.orchestra.publisher
print(json.dumps({"flows": importlib.util.find_spec("flows") is not None,
                  "file": translate_pub_flows.publish.__file__}))
"""


def test_flows_install_as_translate_pub_flows_and_nothing_named_flows(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = __import__("json").loads(done.stdout)
    assert found["flows"] is False
    assert Path(found["file"]).resolve() == ROOT / "flows" / "publish.py"
