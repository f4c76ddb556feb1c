"""The portal's forms: few fields, large inputs, the phone's own keyboards (`inputmode`), and
every choice a plain HTML control so the forms work without JavaScript."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from core.models import DictItem, Enterprise, dict_choices
from portal import selectors

PHONE = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "11位手机号码"})


class PhoneForm(forms.Form):
    phone = forms.CharField(label="手机号码", max_length=20, widget=PHONE)


class CodeForm(forms.Form):
    phone = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(
        label="验证码",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "placeholder": "6位数字",
            }
        ),
        error_messages={"min_length": "验证码为6位数字", "max_length": "验证码为6位数字"},
    )


class BindForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(
        label="公民身份号码", max_length=20, widget=forms.TextInput(attrs={"placeholder": "18位，末位可为X"})
    )


class EmployerField(forms.CharField):
    """An enterprise typed by its name, with the browser's own suggestions (`<datalist>`): no
    script, and no 100-entry drop-down on a phone."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "enterprises", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Enterprise | None:  # type: ignore[override]
        name = super().clean(value).strip()
        if not name:
            return None
        found = Enterprise.objects.filter(name=name).first()
        if found is None:
            raise forms.ValidationError("平台中没有这家单位，请从提示中选择；平台企业的骑手、快递员请在下面选择类别")
        return found


def _category_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="新就业形态类别",
        queryset=DictItem.objects.filter(dict_choices("new_form")).order_by("sort", "id"),
        required=False,
        empty_label="不是新就业形态劳动者",
    )


def _place_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="工作所在街道（园区）",
        queryset=selectors.places(),
        required=False,
        empty_label="请选择",
        help_text="没有填写工作单位时必选",
    )


class RegisterForm(BindForm):
    employer = EmployerField(label="工作单位", help_text="输入单位名称，从提示中选择")
    category = _category_field()
    platform = forms.CharField(
        label="平台企业或单位名称",
        max_length=100,
        required=False,
        help_text="上面找不到的单位、所在平台（如 某外卖平台）",
    )
    job = forms.CharField(label="岗位", max_length=100, required=False)
    place = _place_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("employer"):
            if not data.get("place"):
                self.add_error("place", "没有选择工作单位时，请选择工作所在的街道（园区）")
            if not (data.get("platform") or "").strip():
                self.add_error("platform", "请填写所在平台企业或单位名称")
        return data


class JoinForm(forms.Form):
    employer = EmployerField(label="工作单位", help_text="输入单位名称，从提示中选择；平台劳动者可不填")
    category = _category_field()
    platform = forms.CharField(label="平台企业", max_length=100, required=False)
    place = _place_field()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xlsx"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:  # type: ignore[override]
        items = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(items) > 5:
            raise forms.ValidationError("最多上传 5 个附件")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class LegalForm(forms.Form):
    KIND = [("aid", "申请法律援助（调解、仲裁代理）"), ("consult", "只咨询")]
    kind = forms.ChoiceField(label="需要的帮助", choices=KIND, initial="aid", widget=forms.RadioSelect)
    dispute_type: forms.ModelChoiceField[DictItem] = forms.ModelChoiceField(
        label="争议类型",
        queryset=DictItem.objects.filter(dict_choices("dispute_type")).order_by("sort", "id"),
        empty_label="请选择",
    )
    employer = EmployerField(label="用人单位", help_text="输入名称，从提示中选择；平台中没有的请填下一栏")
    employer_name = forms.CharField(label="平台中没有的单位名称", max_length=100, required=False)
    facts = forms.CharField(
        label="发生了什么",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "时间、经过、对方怎么说的"}),
    )
    amount = forms.DecimalField(
        label="涉及金额（元）",
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
        error_messages={"min_value": "金额不能为负数"},
    )
    contact_time = forms.CharField(
        label="方便联系的时间",
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "如 工作日晚上"}),
    )
    attachments = MultipleFileField(label="附件（可选，最多5个：劳动合同、工资条、聊天截图等）", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("employer") and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", "请选择用人单位，或填写单位名称")
        return data
