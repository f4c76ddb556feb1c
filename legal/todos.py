"""What waits on the 工作台 from 法律援助 (`kit.todos`)."""

from typing import Any

from django.urls import reverse

from kit.dates import today
from kit.todos import Item, StatusTodo, Todo, register

CASE = "legal.Case"


class DeadlineTodo(Todo):
    """The limits of the cases the user handles or supervises (法律援助法 and the arbitration and
    court rules): passed without the step done, or ending within seven days — as the 法律援助 overview
    lists them on today's date."""

    def items(self, user: Any) -> list[Item]:
        from legal import selectors
        from legal.models import Case

        if not user.has_perm("legal.view_case"):
            return []
        day = today()
        found = selectors.deadline_list(Case.objects.visible_to(user), on=day)
        url = f"{reverse('legal:overview')}?date={day:%Y-%m-%d}"
        out = []
        if found["overdue"]:
            out.append(
                Item("已过期限的案件事项", len(found["overdue"]), url + "#overdue-deadlines", "法律援助", "danger")
            )
        if found["soon"]:
            out.append(Item("七日内到期的案件事项", len(found["soon"]), url + "#soon-deadlines", "法律援助"))
        return out


register(
    DeadlineTodo(),
    StatusTodo("待审查的法律援助申请", CASE, status="applied", action="review"),
    StatusTodo("待补正材料的申请", CASE, status="papers", action="review", level="info"),
    StatusTodo("决定援助、待指派承办人的案件", CASE, status="accepted", action="review"),
    StatusTodo("承办中的案件", CASE, status="assigned", action="change", level="info"),
    StatusTodo("结果已记录、待审结的案件", CASE, status="concluded", action="change"),
    StatusTodo("待接收的异地协作转介", "legal.Referral", status="sent", action="change"),
)
