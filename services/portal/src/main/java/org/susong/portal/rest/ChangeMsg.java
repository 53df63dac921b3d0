package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the officer's applicant-changes page (issue 18: bank-account and registration changes waiting for a
 * checker): Chinese first (this interface), English in {@code messages/chg_en.properties}; templates read them as
 * {@code {chg:...}}. A bundle of its own for the reason {@link RegistrarMsg} gives (Qute's 300-message limit).
 */
@MessageBundle(value = "chg", locale = "zh")
public interface ChangeMsg {

    @Message("待复核的申请单位变更（{district}）")
    String changesTitle(String district);

    @Message("本区申请单位提出、等待另一人复核的收款账户变更和登记变更，最早提出的在前。提出人不能复核自己的变更（双人复核，由申请服务按用户判断）；账户变更批准后经过冷静期方才生效，冷静期内仍可撤销。")
    String changesIntro();

    @Message("收款账户变更")
    String accountChanges();

    @Message("登记变更（名称或所在区）")
    String registrationChanges();

    @Message("没有等待复核的变更。")
    String nothingWaiting();

    @Message("申请单位")
    String colApplicant();

    @Message("变更")
    String colChange();

    @Message("新账户（账号已遮蔽）")
    String colNewAccount();

    @Message("提出人、时间")
    String colRequested();

    @Message("状态")
    String colState();

    @Message("办理")
    String colActions();

    @Message("新的名称或所在区")
    String colNewValue();

    @Message("理由、依据")
    String colReason();

    @Message("待复核")
    String awaitingChecker();

    @Message("已由 {approvedBy} 批准，冷静期中：{effectiveAt} 生效")
    String coolingOff(String approvedBy, String effectiveAt);

    @Message("批准")
    String approve();

    @Message("驳回或撤销")
    String reject();

    @Message("驳回理由")
    String rejectReason();

    @Message("请填写驳回理由（不超过500个字符）。")
    String reasonRequired();

    @Message("不是有效的申请单位或变更编号。")
    String notAChange();

    @Message("返回待复核的变更")
    String backToChanges();

    @Message("待复核的变更")
    String changesLink();

    @Message("前 {shown} 项，另有更多")
    String firstOnly(int shown);

    @Message("由申请单位在线提出：请以书面材料（开户证明）核对新账户后再批准")
    String makerApplicant();

    @Message("您提出的变更，须由本区另一名工作人员复核")
    String ownChange();
}
