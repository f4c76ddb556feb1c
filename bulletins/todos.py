"""What waits on the 工作台 from 专报 (`kit.todos`)."""

from kit.todos import StatusTodo, register

register(
    StatusTodo("待审核的专报", "bulletins.Issue", status="review", action="review"),
    StatusTodo("编写中的专报", "bulletins.Issue", status="draft", action="change", level="info"),
)
