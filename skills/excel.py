"""Excel import/export declarations of the skills module."""

from kit.declare import excel_spec
from skills.models import InnovationProject, Mentorship, Outcome, TrainingBase, TrainingClass

mentorship = excel_spec(
    Mentorship,
    ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "midterm", "final"],
    natural_key=("apprentice", "chain", "starts_on"),
)
outcome = excel_spec(
    Outcome, ["mentorship", "kind", "title", "number", "person", "obtained_on"], natural_key=("mentorship", "title")
)
base = excel_spec(
    TrainingBase, ["name", "partner", "plaque_on", "capacity", "address", "org"], natural_key=("name", "org")
)
training_class = excel_spec(
    TrainingClass,
    ["base", "name", "programme", "starts_on", "ends_on", "teachers", "capacity", "org"],
    natural_key=("name", "starts_on"),
)
project = excel_spec(
    InnovationProject,
    ["name", "training_class", "enterprise", "started_on", "result", "org"],
    natural_key=("name", "enterprise"),
)
