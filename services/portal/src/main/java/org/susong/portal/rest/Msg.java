package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The portal's words: Chinese first (this interface), English in {@code messages/msg_en.properties}. Templates read
 * them as {@code {msg:...}} in the page's locale ({@link Pages#visit}); {@code MessagesTest} fails on a word the English
 * file lacks.
 */
@MessageBundle(value = "msg", locale = "zh")
public interface Msg {

    @Message("Susong 区级门户")
    String portalTitle();

    @Message("跳到正文")
    String skipToContent();

    @Message("English")
    String otherLanguage();

    @Message("en")
    String otherLanguageCode();

    @Message("开发登录：仅用于本地、开发和测试环境，身份未经验证，生产环境不可用。")
    String devBanner();

    @Message("当前身份：{user}")
    String actingAs(String user);

    @Message("代表 {uscc}")
    String actingFor(String uscc);

    @Message("退出")
    String signOut();

    @Message("开发登录")
    String signInTitle();

    @Message("选择角色和所在区。门户以此身份调用各服务（开发用请求头 X-User、X-Roles、X-District、X-Acting-For）。")
    String signInIntro();

    @Message("角色")
    String fieldRole();

    @Message("用户名")
    String fieldUser();

    @Message("所在区（区级经办人员）")
    String fieldDistrict();

    @Message("统一社会信用代码（申请主体）")
    String fieldActingFor();

    @Message("基金（基金管理人，逗号分隔）")
    String fieldFunds();

    @Message("登录")
    String signInButton();

    @Message("请检查标出的字段。")
    String signInInvalid();

    @Message("此环境未开放开发登录。通过统一身份认证（OIDC）登录尚未实现。")
    String signInUnavailable();

    @Message("请先登录。")
    String notSignedIn();

    @Message("去登录")
    String goSignIn();

    @Message("此页面不属于您的角色。")
    String notYourPage();

    @Message("此角色的页面尚未提供。")
    String noPageForRole();

    @Message("我的申请")
    String applicantTitle();

    @Message("{district}的申请")
    String officerTitle(String district);

    @Message("申请列表")
    String tableCaption();

    @Message("申请编号")
    String colId();

    @Message("申请主体")
    String colApplicant();

    @Message("政策条款")
    String colMeasure();

    @Message("年度")
    String colPeriod();

    @Message("状态")
    String colStatus();

    @Message("决定")
    String colDecision();

    @Message("核定金额（元）")
    String colAmount();

    @Message("申诉截止日")
    String colAppealDeadline();

    @Message("提交时间")
    String colSubmitted();

    @Message("尚未决定")
    String notDecided();

    @Message("暂时无法读取")
    String decisionUnavailable();

    @Message("状态")
    String filterStatus();

    @Message("全部状态")
    String allStatuses();

    @Message("筛选")
    String applyFilter();

    @Message("导出 CSV")
    String exportCsv();

    @Message("下一页")
    String nextPage();

    @Message("第一页")
    String firstPage();

    @Message("没有符合条件的申请。")
    String noRows();

    @Message("无法连接 {service} 服务，请稍后再试。")
    String errorUnreachable(String service);

    @Message("{service} 服务出错（HTTP {status}），请稍后再试。")
    String errorService(String service, int status);

    @Message("{service} 服务拒绝了请求（HTTP {status}）：{detail}")
    String errorRefused(String service, int status, String detail);

    @Message("未知状态：{status}")
    String unknownStatus(String status);

    @Message("{#when role}{#is 'applicant'}申请主体{#is 'officer'}区级经办人员{#is 'finance'}财政局"
            + "{#is 'registrar'}技术合同登记机构{#is 'fund-manager'}基金管理人{#is 'admin'}平台管理员"
            + "{#is 'auditor'}审计人员{#else}{role}{/when}")
    String role(String role);

    @Message("{#when district}{#is 'SIMING'}思明区{#is 'HULI'}湖里区{#is 'JIMEI'}集美区{#is 'HAICANG'}海沧区"
            + "{#is 'TONGAN'}同安区{#is 'XIANGAN'}翔安区{#else}{district}{/when}")
    String district(String district);

    @Message("{#when status}{#is 'DRAFT'}草稿{#is 'SUBMITTED'}已提交{#is 'UNDER_REVIEW'}审核中"
            + "{#is 'APPEALED'}申诉中{#is 'REJECTED'}未通过{#is 'APPROVED'}已批准{#is 'WAITLISTED'}候补"
            + "{#is 'IN_PUBLIC_NOTICE'}公示中{#is 'ON_HOLD'}暂缓{#is 'PAYMENT_SCHEDULED'}待拨付{#is 'PAID'}已拨付"
            + "{#is 'PAYMENT_RETURNED'}拨付被退回{#is 'CONVERTED'}已转为基金投资{#is 'CLOSED'}已关闭"
            + "{#is 'WITHDRAWN'}已撤回{#else}{status}{/when}")
    String status(String status);

    @Message("{#when outcome}{#is 'APPROVED'}批准{#is 'REJECTED'}不予支持{#is 'REVIEW_REQUIRED'}待人工审核"
            + "{#else}{outcome}{/when}")
    String outcome(String outcome);
}
