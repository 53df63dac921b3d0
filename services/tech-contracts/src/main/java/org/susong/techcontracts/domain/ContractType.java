package org.susong.techcontracts.domain;

/** The five kinds of technology contract the registry registers (技术合同的五类). */
public enum ContractType {
    DEVELOPMENT("技术开发"),
    TRANSFER("技术转让"),
    LICENSING("技术许可"),
    CONSULTING("技术咨询"),
    SERVICE("技术服务");

    private final String chinese;

    ContractType(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
