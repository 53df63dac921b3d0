package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The applicant's inbox words and its e-mails (issue 18 item 5): Chinese first (this interface), English in
 * {@code messages/inb_en.properties}; templates read them as {@code {inb:...}}. A bundle of its own ({@code Msg} is
 * near Qute's 300 messages, quarkusio/quarkus#55584). {@code InboxMessagesTest} fails on a word the English file lacks.
 */
@MessageBundle(value = "inb", locale = "zh")
public interface InboxMsg {

    @Message("消息")
    String title();

    @Message("消息（{unread} 条未读）")
    String linkUnread(long unread);

    @Message("本单位申请的决定、公示、拨付与退回，以及免申即享的奖励，由各服务公布的事件生成；最新的在前。")
    String intro();

    @Message("暂无消息。")
    String empty();

    @Message("本门户未接收事件，不提供消息（susong.portal.evaluation.enabled=false）。")
    String off();

    @Message("消息暂时无法读取，请稍后再试。")
    String storeDown();

    @Message("全部标为已读")
    String markAllRead();

    @Message("标为已读")
    String markRead();

    @Message("未读")
    String unreadMark();

    @Message("查看申请")
    String openApplication();

    @Message("时间")
    String colAt();

    @Message("消息")
    String colWhat();

    @Message("免申即享")
    String automaticMark();

    @Message("未通过的条件：{reasons}")
    String reasons(String reasons);

    @Message("{#when kind}{#is 'DECIDED'}{#if outcome == 'REVIEW_REQUIRED'}{#if automatic}免申即享：您无需申请的 {measure} 奖励（{applicationId}）需经人工审核，审核后另行通知{#else}{measure} 申请 {applicationId} 需经人工审核，审核后另行通知{/if}{#else if outcome == 'APPROVED'}{#if automatic}免申即享：您无需申请的 {measure} 奖励已核准，金额 {amount} 元{#else}{measure} 申请 {applicationId} 已核准，金额 {amount} 元{/if}{#else}{measure} 申请 {applicationId} 未获核准；如有异议，{#if deadline}请在 {deadline} 前申请复议{#else}可申请复议{/if}{/if}{#is 'NOTICE_OPEN'}申请 {applicationId} 的拨付 {amount} 元进入公示，公示至 {deadline}{#is 'APPEAL_DEADLINE'}申请 {applicationId} 的复议期限 {deadline} 将至{#is 'PAID'}{#if withheld}申请 {applicationId} 的 {net} 元已拨付到账（核定 {amount} 元，其中 {withheld} 元抵扣待追回款项）{#else}申请 {applicationId} 的 {amount} 元已拨付到账{/if}{#is 'CONVERTED'}申请 {applicationId} 的 {amount} 元已转为政府基金投资（拨改投）{#is 'RETURNED'}申请 {applicationId} 的 {amount} 元被银行退回，请核对收款账户{#else}{kind}{/when}")
    String line(String kind, boolean automatic, String outcome, String measure, String applicationId, String amount,
                String net, String withheld, String deadline);

    @Message("银行说明：{reason}")
    String bankReason(String reason);

    @Message("邮件通知")
    String mailTitle();

    @Message("填写邮箱后，此后的新消息会同时发送到该邮箱（此前的消息不补发）。留空并保存即停止发送。")
    String mailIntro();

    @Message("邮件通知未开通：本门户未配置邮件服务。")
    String mailOff();

    @Message("当前发送到：{email}")
    String mailCurrent(String email);

    @Message("邮箱")
    String mailAddress();

    @Message("邮件语言")
    String mailLanguage();

    @Message("保存")
    String mailSave();

    @Message("邮箱格式不正确。")
    String mailInvalid();

    @Message("已保存：此后的新消息将发送到 {email}。")
    String mailSaved(String email);

    @Message("已停止邮件通知。")
    String mailStopped();

    @Message("【厦门科技政策兑现】{line}")
    String mailSubject(String line);

    @Message("您好：\n\n{line}。\n\n详情：{link}\n\n此邮件由系统发送，请勿回复。如需更改或停止邮件通知，请登录门户的“消息”页面。")
    String mailBody(String line, String link);
}
