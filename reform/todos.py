"""What waits on the 工作台 from 一体化推进 (`kit.todos`)."""

from kit.todos import StatusTodo, register

REPORT = "reform.ProgressReport"

register(
    StatusTodo("待审核的进度报告", REPORT, status="submitted", action="review"),
    StatusTodo("被退回、待修改的进度报告", REPORT, status="returned", action="change", level="danger"),
    StatusTodo("未提交的进度报告", REPORT, status="draft", action="change", level="info"),
)
