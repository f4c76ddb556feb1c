"""What waits on the 工作台 from 思想引领 (`kit.todos`)."""

from kit.todos import StatusTodo, register

register(
    StatusTodo(
        "计划中的宣讲（举办后登记实际人数）", "guidance.Lecture", status="planned", action="change", level="info"
    ),
)
