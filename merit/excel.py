"""Excel import/export declarations of the merit module."""

from kit.declare import excel_spec
from merit.models import Competition, GroupProject, Studio, StudioReview, WorkGroup

competition = excel_spec(
    Competition,
    ["name", "tier", "industry", "organisers", "starts_on", "ends_on", "org"],
    natural_key=("name", "starts_on"),
)
studio = excel_spec(
    Studio,
    ["name", "kind", "host", "leader", "leader_reason", "field", "founded_on", "closed_on", "org"],
    natural_key=("name", "host"),
    instructions=["工作室级别请在导入后通过“命名与晋级”登记（保留级别变化的历史）。"],
)
review = excel_spec(
    StudioReview,
    ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"],
    natural_key=("studio", "year"),
)
work_group = excel_spec(
    WorkGroup,
    ["name", "theme", "party_branch", "founded_on", "dissolved_on", "support", "org"],
    natural_key=("name", "org"),
)
group_project = excel_spec(
    GroupProject,
    ["group", "name", "beneficiary_area", "households", "income_increase", "started_on", "results", "honours"],
    natural_key=("group", "name"),
)
