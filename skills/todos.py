"""What waits on the 工作台 from 技能提升 (`kit.todos`)."""

from kit.todos import ListTodo, StatusTodo, register

register(
    StatusTodo("候补中的培训报名", "skills.Enrolment", status="waiting", action="change", level="info"),
    ListTodo("待处理的公示异议", "skills.Objection", (("pending", "true"),), action="change"),
)
