"""The generic view/import/export/API tests for every 技能提升 entity (kit.testing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from core.models import Org
from core.tests import factories as f
from kit import testing
from skills import entities
from skills.models import (
    Appraisal,
    Attendance,
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Mentorship,
    MentorshipPilot,
    Objection,
    Outcome,
    SelectionRound,
    Session,
    Submission,
    TrainingBase,
    TrainingClass,
)


def pilot(org: Org, n: int = 0) -> MentorshipPilot:
    return MentorshipPilot.objects.create(
        name=f"试点{org.code}-{n}", enterprise=f.enterprise(org, 500 + n), started_on=date(2021, 1, 1), org=org
    )


def pair(org: Org, n: int = 0) -> Mentorship:
    return Mentorship.objects.create(
        pilot=pilot(org, 20 + n),
        mentor=f.person(org, 600 + n),
        apprentice=f.person(org, 700 + n),
        chain="party",
        goals="提升",
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 1, 1),
    )


def base(org: Org, n: int = 0) -> TrainingBase:
    return TrainingBase.objects.create(
        name=f"基地{org.code}-{n}", partner="南京信息职业技术学院", plaque_on=date(2021, 5, 1), org=org
    )


def klass(org: Org, n: int = 0) -> TrainingClass:
    return TrainingClass.objects.create(
        base=base(org, 30 + n),
        name=f"班次{org.code}-{n}",
        starts_on=date(2022, 3, 1),
        ends_on=date(2022, 3, 10),
        capacity=30,
        org=org,
    )


def enrolment(org: Org, n: int = 0) -> Enrolment:
    return Enrolment.objects.create(training_class=klass(org, 40 + n), person=f.person(org, 800 + n))


def selection(org: Org, n: int = 0) -> SelectionRound:
    return SelectionRound.objects.create(
        kind="innovation",
        year=2000 + n + (50 if org.code.endswith("B") else 0),
        title=f"评选{org.code}-{n}",
        quota=3,
        submission_closes=date(2030, 6, 30),
        org=org,
    )


def submission(org: Org, n: int = 0) -> Submission:
    return Submission.objects.create(
        round=selection(org, 10 + n),
        enterprise=f.enterprise(org, 900 + n),
        title=f"成果{org.code}-{n}",
        summary="成效",
        org=org,
    )


class PilotTests(testing.ModelTestCase):
    entity = entities.PilotEntity
    api_path = "/api/v1/skills/pilots/"

    def make(self, org: Org, n: int = 0) -> MentorshipPilot:
        return pilot(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "新试点", "enterprise": f.enterprise(org, 950).pk, "started_on": "2021-03-01", "org": org.pk}

    def edit_data(self, obj: MentorshipPilot) -> dict[str, Any]:
        return {
            "name": obj.name,
            "enterprise": obj.enterprise_id,
            "started_on": "2021-01-01",
            "responsibility": "责任书",
            "org": obj.org_id,
        }

    def changed(self, obj: MentorshipPilot) -> bool:
        return obj.responsibility == "责任书"


class MentorshipTests(testing.ModelTestCase):
    entity = entities.MentorshipEntity
    api_path = "/api/v1/skills/mentorships/"

    def make(self, org: Org, n: int = 0) -> Mentorship:
        return pair(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "pilot": pilot(org, 80).pk,
            "mentor": f.person(org, 980).pk,
            "apprentice": f.person(org, 981).pk,
            "chain": "model",
            "goals": "目标",
            "starts_on": "2022-01-01",
            "ends_on": "2023-01-01",
        }

    def edit_data(self, obj: Mentorship) -> dict[str, Any]:
        return {
            "pilot": obj.pilot_id,
            "mentor": obj.mentor_id,
            "apprentice": obj.apprentice_id,
            "chain": obj.chain,
            "goals": obj.goals,
            "starts_on": "2021-01-01",
            "ends_on": "2023-01-01",
            "final": "excellent",
        }

    def changed(self, obj: Mentorship) -> bool:
        return obj.final == "excellent"

    def export_marker(self, obj: Mentorship) -> str:
        return obj.apprentice.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        p = pilot(org, 85)
        return [
            {
                "试点": p.name,
                "师傅": f.person(org, 940 + i).name,
                "徒弟": f.person(org, 950 + i).name,
                "帮带类型": "劳模带班组长",
                "帮带目标（责任书）": "三年内独立操作",
                "开始日期": "2022-01-01",
                "结束日期": "2024-12-31",
            }
            for i in range(3)
        ]


class OutcomeTests(testing.ModelTestCase):
    entity = entities.OutcomeEntity
    api_path = "/api/v1/skills/outcomes/"

    def make(self, org: Org, n: int = 0) -> Outcome:
        p = pair(org, 30 + n)
        return Outcome.objects.create(
            mentorship=p, kind="patent", title=f"专利{org.code}{n}", person=p.apprentice, obtained_on=date(2022, 1, 1)
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        p = pair(org, 90)
        return {
            "mentorship": p.pk,
            "kind": "award",
            "title": "市职工发明专利奖",
            "person": p.apprentice_id,
            "obtained_on": "2022-05-01",
        }

    def edit_data(self, obj: Outcome) -> dict[str, Any]:
        return {
            "mentorship": obj.mentorship_id,
            "kind": obj.kind,
            "title": obj.title,
            "number": "ZL1",
            "person": obj.person_id,
            "obtained_on": "2022-01-01",
        }

    def changed(self, obj: Outcome) -> bool:
        return obj.number == "ZL1"

    def export_marker(self, obj: Outcome) -> str:
        return obj.title

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        p = pair(org, 95)
        return [
            {
                "师徒结对": str(p),
                "成果类别": "发明专利",
                "名称": f"导入专利{i}",
                "获得者": p.apprentice.name,
                "取得日期": "2022-08-01",
            }
            for i in range(3)
        ]


class EnterpriseResultTests(testing.ModelTestCase):
    entity = entities.EnterpriseResultEntity
    api_path = "/api/v1/skills/enterprise-results/"

    def make(self, org: Org, n: int = 0) -> EnterpriseResult:
        return EnterpriseResult.objects.create(
            pilot=pilot(org, 40 + n),
            year=2022,
            profit_growth=Decimal("8.5"),
            income_growth=Decimal("8.1"),
            source="年报",
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "pilot": pilot(org, 85).pk,
            "year": 2021,
            "profit_growth": "9.0",
            "income_growth": "8.0",
            "source": "年报",
        }

    def edit_data(self, obj: EnterpriseResult) -> dict[str, Any]:
        return {
            "pilot": obj.pilot_id,
            "year": obj.year,
            "profit_growth": "10.0",
            "income_growth": "8.1",
            "source": obj.source,
        }

    def changed(self, obj: EnterpriseResult) -> bool:
        return obj.profit_growth == Decimal("10.0")


class BaseTests(testing.ModelTestCase):
    entity = entities.BaseEntity
    api_path = "/api/v1/skills/bases/"

    def make(self, org: Org, n: int = 0) -> TrainingBase:
        return base(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "新基地", "partner": "南京信息职业技术学院", "plaque_on": "2021-05-20", "org": org.pk}

    def edit_data(self, obj: TrainingBase) -> dict[str, Any]:
        return {"name": obj.name, "partner": obj.partner, "plaque_on": "2021-05-01", "capacity": 999, "org": obj.org_id}

    def changed(self, obj: TrainingBase) -> bool:
        return obj.capacity == 999

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"基地名称": f"导入基地{i}", "合作院校": "某学院", "挂牌日期": "2022-01-01", "所属组织": org.name}
            for i in range(3)
        ]


class ClassTests(testing.ModelTestCase):
    entity = entities.ClassEntity
    api_path = "/api/v1/skills/classes/"

    def make(self, org: Org, n: int = 0) -> TrainingClass:
        return klass(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "base": base(org, 70).pk,
            "name": "数控一期",
            "starts_on": "2022-04-01",
            "ends_on": "2022-04-10",
            "capacity": 25,
            "org": org.pk,
        }

    def edit_data(self, obj: TrainingClass) -> dict[str, Any]:
        return {
            "base": obj.base_id,
            "name": obj.name,
            "starts_on": "2022-03-01",
            "ends_on": "2022-03-10",
            "capacity": 40,
            "org": obj.org_id,
        }

    def changed(self, obj: TrainingClass) -> bool:
        return obj.capacity == 40

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        b = base(org, 71)
        return [
            {
                "实训基地": b.name,
                "班次名称": f"导入班次{i}",
                "开班日期": f"2022-0{i + 1}-01",
                "结业日期": f"2022-0{i + 1}-09",
                "名额": 20,
                "所属组织": org.name,
            }
            for i in range(3)
        ]


class EnrolmentTests(testing.ModelTestCase):
    entity = entities.EnrolmentEntity
    api_path = "/api/v1/skills/enrolments/"

    def make(self, org: Org, n: int = 0) -> Enrolment:
        return enrolment(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        """报名 through the page and the API goes through skills.services.enrol (capacity, waiting list)."""
        future = TrainingClass.objects.create(
            base=base(org, 88),
            name=f"待开班次{org.code}",
            starts_on=date(2030, 3, 1),
            ends_on=date(2030, 3, 10),
            capacity=30,
            org=org,
        )
        return {"training_class": future.pk, "person": f.person(org, 888).pk}

    def export_marker(self, obj: Enrolment) -> str:
        return obj.person.name


class SessionTests(testing.ModelTestCase):
    entity = entities.SessionEntity
    api_path = "/api/v1/skills/sessions/"

    def make(self, org: Org, n: int = 0) -> Session:
        return Session.objects.create(training_class=klass(org, 50 + n), held_on=date(2022, 3, 2), topic=f"课{n}")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"training_class": klass(org, 75).pk, "held_on": "2022-03-03", "topic": "安全规程"}

    def edit_data(self, obj: Session) -> dict[str, Any]:
        return {"training_class": obj.training_class_id, "held_on": "2022-03-02", "topic": "新内容"}

    def changed(self, obj: Session) -> bool:
        return obj.topic == "新内容"


class AttendanceTests(testing.ModelTestCase):
    entity = entities.AttendanceEntity
    api_path = "/api/v1/skills/attendance/"

    def make(self, org: Org, n: int = 0) -> Attendance:
        e = enrolment(org, 20 + n)
        s = Session.objects.create(training_class=e.training_class, held_on=date(2022, 3, 2), topic="课")
        return Attendance.objects.create(session=s, enrolment=e)

    def form_data(self, org: Org) -> dict[str, Any]:
        e = enrolment(org, 60)
        s = Session.objects.create(training_class=e.training_class, held_on=date(2022, 3, 2), topic="课")
        return {"session": s.pk, "enrolment": e.pk, "present": "on"}

    def edit_data(self, obj: Attendance) -> dict[str, Any]:
        return {"session": obj.session_id, "enrolment": obj.enrolment_id}

    def changed(self, obj: Attendance) -> bool:
        return obj.present is False


class AppraisalTests(testing.ModelTestCase):
    entity = entities.AppraisalEntity
    api_path = "/api/v1/skills/appraisals/"

    def level(self) -> Any:
        return f.dict_item("skill_level", "3", "三级/高级工")

    def make(self, org: Org, n: int = 0) -> Appraisal:
        return Appraisal.objects.create(
            enrolment=enrolment(org, 30 + n), level=self.level(), certificate_no=f"C{n}", appraised_on=date(2022, 3, 12)
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "enrolment": enrolment(org, 70).pk,
            "level": self.level().pk,
            "passed": "on",
            "certificate_no": "C99",
            "appraised_on": "2022-03-12",
        }

    def edit_data(self, obj: Appraisal) -> dict[str, Any]:
        return {
            "enrolment": obj.enrolment_id,
            "level": obj.level_id,
            "passed": "on",
            "certificate_no": "C-NEW",
            "appraised_on": "2022-03-12",
        }

    def changed(self, obj: Appraisal) -> bool:
        return obj.certificate_no == "C-NEW"


class ProjectTests(testing.ModelTestCase):
    entity = entities.ProjectEntity
    api_path = "/api/v1/skills/projects/"

    def make(self, org: Org, n: int = 0) -> InnovationProject:
        return InnovationProject.objects.create(
            name=f"改造{org.code}-{n}", enterprise=f.enterprise(org, 960 + n), started_on=date(2022, 5, 1), org=org
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "节能改造", "enterprise": f.enterprise(org, 990).pk, "started_on": "2022-06-01", "org": org.pk}

    def edit_data(self, obj: InnovationProject) -> dict[str, Any]:
        return {
            "name": obj.name,
            "enterprise": obj.enterprise_id,
            "started_on": "2022-05-01",
            "result": "成效显著",
            "org": obj.org_id,
        }

    def changed(self, obj: InnovationProject) -> bool:
        return obj.result == "成效显著"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "项目名称": f"导入改造{i}",
                "实施企业": f.enterprise(org, 970 + i).name,
                "立项日期": "2022-09-01",
                "所属工会": org.name,
            }
            for i in range(3)
        ]


class SelectionTests(testing.ModelTestCase):
    entity = entities.SelectionEntity
    api_path = "/api/v1/skills/selections/"

    def make(self, org: Org, n: int = 0) -> SelectionRound:
        return selection(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "kind": "method",
            "year": 2031,
            "title": "先进操作法评选",
            "organisers": "区总工会",
            "quota": 5,
            "submission_closes": "2031-06-30",
            "org": org.pk,
        }

    def edit_data(self, obj: SelectionRound) -> dict[str, Any]:
        return {
            "kind": obj.kind,
            "year": obj.year,
            "title": obj.title,
            "organisers": obj.organisers,
            "quota": 9,
            "submission_closes": "2030-06-30",
            "org": obj.org_id,
        }

    def changed(self, obj: SelectionRound) -> bool:
        return obj.quota == 9


class SubmissionTests(testing.ModelTestCase):
    entity = entities.SubmissionEntity
    api_path = "/api/v1/skills/submissions/"

    def make(self, org: Org, n: int = 0) -> Submission:
        return submission(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "round": selection(org, 40).pk,
            "enterprise": f.enterprise(org, 995).pk,
            "title": "新成果",
            "authors": [f.person(org, 995).pk],
            "summary": "成效",
            "eligibility": "pending",
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "org": org.pk}

    def edit_data(self, obj: Submission) -> dict[str, Any]:
        return {
            "round": obj.round_id,
            "enterprise": obj.enterprise_id,
            "title": obj.title,
            "authors": [f.person(obj.org, 996).pk],
            "summary": "修改后的成效",
            "eligibility": "pending",
        }

    def changed(self, obj: Submission) -> bool:
        return obj.summary == "修改后的成效"


class ObjectionTests(testing.ModelTestCase):
    entity = entities.ObjectionEntity
    api_path = "/api/v1/skills/objections/"

    def make(self, org: Org, n: int = 0) -> Objection:
        return Objection.objects.create(submission=submission(org, 30 + n), raised_on=date(2022, 9, 2), content="存疑")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"submission": submission(org, 60).pk, "raised_on": "2022-09-03", "content": "数据存疑"}

    def edit_data(self, obj: Objection) -> dict[str, Any]:
        return {
            "submission": obj.submission_id,
            "raised_on": "2022-09-02",
            "content": obj.content,
            "resolution": "经核实无误",
            "resolved_on": "2022-09-05",
        }

    def changed(self, obj: Objection) -> bool:
        return obj.resolution == "经核实无误"


def test_objections_waiting_for_an_answer_are_a_to_do_that_opens_exactly_them(client, db):

    from core.models import User
    from kit import todos

    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="OJ"))
    sub = submission(org, 1)
    Objection.objects.create(submission=sub, raised_on=date(2022, 9, 2), content="数据存疑")
    Objection.objects.create(
        submission=sub, raised_on=date(2022, 9, 3), content="已核实", resolution="无误", resolved_on=date(2022, 9, 5)
    )
    admin = User.objects.create_superuser(username="oj_admin", password="Test@12345", org=org)
    line = next(i for i in todos.for_user(admin) if i.label == "待处理的公示异议")
    assert line.count == 1 and line.url.endswith("?pending=true")
    client.force_login(admin)
    assert client.get(line.url).context["total"] == 1
