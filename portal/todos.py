"""What waits on the 工作台 from 职工服务 (`kit.todos`)."""

from kit.todos import StatusTodo, register

register(
    StatusTodo("待办理的入会/转会申请", "portal.MembershipApplication", status="submitted", action="review"),
    StatusTodo("待确认的职工自助登记", "portal.SelfRegistration", status="submitted", action="review"),
)
