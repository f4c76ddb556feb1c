"""What waits on the 工作台 from 法律援助 (`kit.todos`)."""

from kit.todos import StatusTodo, register

CASE = "legal.Case"

register(
    StatusTodo("待审查的法律援助申请", CASE, status="applied", action="review"),
    StatusTodo("待补正材料的申请", CASE, status="papers", action="review", level="info"),
    StatusTodo("决定援助、待指派承办人的案件", CASE, status="accepted", action="review"),
    StatusTodo("承办中的案件", CASE, status="assigned", action="change", level="info"),
    StatusTodo("结果已记录、待审结的案件", CASE, status="concluded", action="change"),
    StatusTodo("待接收的异地协作转介", "legal.Referral", status="sent", action="change"),
)
