"""Generic test base classes: `matrix.ModelTestCase` (the permission matrix every entity runs)
and `gate.ServiceGateCase` (every domain service refused to an unpermitted actor and for an object
outside the scope). Re-exported here: `from kit import testing; testing.ModelTestCase`."""

from kit.testing.gate import ServiceGateCase
from kit.testing.matrix import ModelTestCase, build_fixture

__all__ = ["ModelTestCase", "ServiceGateCase", "build_fixture"]
