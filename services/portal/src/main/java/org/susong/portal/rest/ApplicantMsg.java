package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The applicant's record and appeal words (issue 18 item 3): Chinese first (this interface), English in
 * {@code messages/rec_en.properties}; templates read them as {@code {rec:...}}. A bundle of its own because Quarkus
 * 3.33's Qute generates invalid bytecode for a bundle of more than 300 messages (quarkusio/quarkus#55584).
 * {@code ApplicantMessagesTest} fails on a word the English file lacks.
 */
@MessageBundle(value = "rec", locale = "zh")
public interface ApplicantMsg {

    @Message("本单位登记信息")
    String recordTitle();

    @Message("申请单位在申请服务中的登记信息：名称、所在区、收款银行账户及其待生效的变更。")
    String recordIntro();

    @Message("登记")
    String sectionRegistration();

    @Message("名称")
    String colName();

    @Message("统一社会信用代码")
    String colUscc();

    @Message("类型")
    String colType();

    @Message("{#when type}{#is 'ENTERPRISE'}企业{#is 'UNIVERSITY'}高等院校{#is 'RESEARCH_INSTITUTE'}科研院所{#is 'NEW_RD_INSTITUTION'}新型研发机构{#is 'STATE_OWNED_ENTERPRISE'}国有企业{#is 'TECHNOLOGY_TRANSFER_INSTITUTION'}技术转移机构{#is 'FUND_MANAGER'}基金管理人{#else}{type}{/when}")
    String applicantType(String type);

    @Message("登记时间")
    String colRegisteredAt();

    @Message("联系人")
    String colContact();

    @Message("资质证书")
    String certificationsCaption();

    @Message("无资质证书。")
    String noCertifications();

    @Message("证书类别")
    String colCertKind();

    @Message("证书编号")
    String colCertNumber();

    @Message("年度")
    String colCertYear();

    @Message("收款银行账户")
    String sectionBankAccount();

    @Message("户名")
    String colAccountName();

    @Message("账号（已隐去，仅显示末四位）")
    String colAccountNumber();

    @Message("开户行行号（CNAPS）")
    String colBankCode();

    @Message("开户行")
    String colBankName();

    @Message("生效时间")
    String colEffectiveAt();

    @Message("尚无生效的收款账户：账户生效前不能付款。")
    String noAccount();

    @Message("账户户名与登记名称不一致：须以登记名称重新确认账户（账户变更）后才能付款。")
    String reconfirmationRequired();

    @Message("待生效的账户变更")
    String pendingChangeTitle();

    @Message("变更编号")
    String colChangeId();

    @Message("申请人（经办）")
    String colRequestedBy();

    @Message("申请时间")
    String colRequestedAt();

    @Message("状态")
    String colChangeState();

    @Message("待审批：须由本区另一名工作人员审批（申请人 {maker} 不能审批自己的申请）。")
    String changeAwaitingApproval(String maker);

    @Message("已由 {checker} 审批，冷静期中：{effectiveAt} 生效；生效前本区工作人员可撤销。")
    String changeCoolingOff(String checker, String effectiveAt);

    @Message("无待生效的账户变更。")
    String noPendingChange();

    @Message("如何变更收款账户")
    String howToChangeTitle();

    @Message("本单位可在下方提出新的收款账户（提出人），须由本区科技主管部门的一名工作人员审批（双人复核：提出人不能审批自己的申请），审批后经过冷静期方才生效；新账户的户名须与登记名称一致。在尚未审批的变更上再次提出，将取代前一项；已审批、处于冷静期的变更须先由工作人员撤销。")
    String howToChange();

    @Message("待审批的登记变更")
    String pendingRegistrationTitle();

    @Message("新名称")
    String colNewName();

    @Message("新所在区")
    String colNewDistrict();

    @Message("理由")
    String colReason();

    @Message("依据文件")
    String colEvidence();

    @Message("提出人")
    String colProposedBy();

    @Message("须由提出人以外的另一名工作人员或管理员审批。")
    String registrationAwaitingApproval();

    @Message("登记名称和所在区的沿革")
    String historyCaption();

    @Message("无沿革记录。")
    String noHistory();

    @Message("项目")
    String colField();

    @Message("登记值")
    String colValue();

    @Message("自")
    String colFrom();

    @Message("至")
    String colUntil();

    @Message("至今")
    String untilNow();

    @Message("{#when field}{#is 'name'}名称{#is 'district'}所在区{#else}{field}{/when}")
    String registeredField(String field);

    @Message("本单位登记信息")
    String recordLink();

    @Message("申诉")
    String appealTitle();

    @Message("对本决定不服的，可在 {deadline}（含当日）前提出申诉，由工作人员复核。")
    String appealIntro(String deadline);

    @Message("申诉理由（必填，最多 2000 字）")
    String appealGrounds();

    @Message("提交申诉")
    String appealSubmit();

    @Message("申诉期限 {deadline} 已过，不能再提出申诉。")
    String appealDeadlinePassed(String deadline);

    @Message("请填写申诉理由。")
    String appealGroundsRequired();

    @Message("申诉理由最多 2000 字。")
    String appealGroundsTooLong();

    @Message("申诉未提交，请更正：")
    String appealFormError();

    @Message("返回申请")
    String backToApplication();

    @Message("申请变更收款账户")
    String accountFormTitle();

    @Message("户名（须与登记名称一致）")
    String accountNameLabel();

    @Message("账号（8至32位数字）")
    String accountNumberLabel();

    @Message("开户行行号（12位大额支付系统行号）")
    String bankCodeLabel();

    @Message("开户行名称（选填）")
    String bankNameLabel();

    @Message("提交变更申请")
    String accountSubmit();

    @Message("变更申请有误，未提交：")
    String accountFormError();

    @Message("{#when problem}{#is 'required'}此项必填。{#is 'tooLong'}不超过200个字符。{#is 'malformed'}{#if field == 'accountNumber'}账号应为8至32位数字。{#else}行号应为12位数字。{/if}{#else}{problem}{/when}")
    String accountProblem(String field, String problem);

    @Message("已审批的变更处于冷静期，不能再提出新的变更；如需更正，请联系本区工作人员撤销该变更。")
    String accountChangeLocked();

    @Message("返回登记信息")
    String backToRecord();

    @Message("撤销这项变更")
    String cancelTitle();

    @Message("变更生效前（待复核或冷静期中），本单位可以撤回自己提出的变更；原账户继续有效，撤回记入历史。")
    String cancelIntro();

    @Message("撤销理由（不超过500个字符）")
    String cancelReason();

    @Message("撤销变更")
    String cancelSubmit();

    @Message("请填写撤销理由（不超过500个字符）。")
    String cancelReasonRequired();

    @Message("这项变更不是本单位在线提出的（由本区工作人员提出）；如需撤销，请联系本区工作人员驳回。")
    String cancelByOfficer();
}
