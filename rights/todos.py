"""What waits on the 工作台 from 维权服务 and 协商与驿站 (`kit.todos`)."""

from kit.todos import StatusTodo, register

register(
    StatusTodo("待核准的互助金申领", "rights.Claim", status="submitted", action="review"),
    StatusTodo("已核准、待给付的互助金", "rights.Claim", status="approved", action="review"),
    StatusTodo("退回补正的互助金申领", "rights.Claim", status="returned", action="change", level="danger"),
    StatusTodo("待入户调查的困难职工申请", "rights.HardshipFile", status="applied", action="change"),
    StatusTodo("入户调查后待核对的困难职工档案", "rights.HardshipFile", status="visiting", action="change"),
    StatusTodo("待公示的困难职工档案", "rights.HardshipFile", status="checking", action="change"),
    StatusTodo("公示中的困难职工档案（期满建档）", "rights.HardshipFile", status="publicity", action="review"),
    StatusTodo("待处理的志愿服务时长更正申请", "rights.HoursCorrection", status="requested", action="review"),
    StatusTodo("收到审查意见书、待修改报送的集体合同", "rights.Negotiation", status="objected", action="change"),
    StatusTodo("待确认星级的质效评估", "rights.StarRating", status="draft", action="review"),
)
