package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the actions on an application's page (issue 18: withdrawal by the applicant or an officer, an
 * officer's resolution of a payment hold): Chinese first (this interface), English in
 * {@code messages/act_en.properties}; templates read them as {@code {act:...}}. A bundle of its own for the reason
 * {@link RegistrarMsg} gives (Qute's 300-message limit).
 */
@MessageBundle(value = "act", locale = "zh")
public interface ActionMsg {

    @Message("撤回申请")
    String withdrawTitle();

    @Message("草稿即时撤回；已提交的申请由支付服务确认尚未付款后撤回（时间线显示结果），资金已在途的申请不能撤回。")
    String withdrawIntro();

    @Message("撤回理由（不超过500个字符）")
    String withdrawReason();

    @Message("撤回申请")
    String withdrawSubmit();

    @Message("请填写撤回理由（不超过500个字符）。")
    String withdrawReasonRequired();

    @Message("处理支付指令 {orderId} 的暂停")
    String resolveHold(String orderId);

    @Message("驳回异议，继续支付")
    String dismissHold();

    @Message("异议成立，资金退回预算")
    String upholdHold();

    @Message("处理结果只能是“驳回异议”或“异议成立”。")
    String outcomeInvalid();

    @Message("不是有效的支付指令或暂停编号。")
    String notAHold();

    @Message("返回申请")
    String backToApplication();

    @Message("确认异议成立")
    String confirmUpholdTitle();

    @Message("异议成立后，支付指令 {orderId} 不再支付：其资金退回预算额度，该项奖励对本申请不再兑现。此操作在本门户无法撤销。")
    String confirmUpholdText(String orderId);

    @Message("确认：异议成立，资金退回预算")
    String confirmUpholdSubmit();

    @Message("取消，返回申请")
    String confirmUpholdCancel();
}
