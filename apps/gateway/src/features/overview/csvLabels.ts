// Display names for the report CSV (?lang=zh-CN|en): metric keys and unit ids become words a person
// reads in Excel. The keys themselves stay the API (JSON keeps them as they are).
import type { CsvLabels } from "@cw/alerts";

type Lang = "zh-CN" | "en";

const metrics: Record<string, [string, string]> = {
  "alarms.total": ["报警总数", "Alarms"],
  "alarms.unresolved": ["未处置报警", "Alarms unresolved"],
  "alarms.resolved": ["已处置报警", "Alarms resolved"],
  "alarms.cleared": ["自动消除报警", "Alarms cleared by source"],
  "alarms.overdue": ["超期未确认报警", "Alarms acknowledged late (red)"],
  "alarms.mtta_min": ["平均确认时长(分钟)", "Mean time to acknowledge (min)"],
  "alarms.mttr_min": ["平均处置时长(分钟)", "Mean time to resolve (min)"],
  "rollcalls.expected": ["应报点名", "Roll calls due"],
  "rollcalls.on_time": ["按时点名", "Roll calls on time"],
  "rollcalls.late": ["迟报点名", "Roll calls late"],
  "rollcalls.missing": ["未报点名", "Roll calls missing"],
  "rollcalls.compliance_pct": ["点名按时率(%)", "Roll-call compliance (%)"],
  "orders.orders": ["指令数", "Orders"],
  "orders.receivers": ["接收单位次", "Order receivers"],
  "orders.signed": ["已签收", "Signed for"],
  "orders.overdue": ["超期未签收", "Overdue (not signed)"],
  "orders.sign_rate_pct": ["签收率(%)", "Sign-for rate (%)"],
  "inspections.count": ["督查次数", "Inspections"],
  "inspections.blocks": ["督查监区数", "Blocks inspected"],
  "inspections.coverage_pct": ["督查覆盖率(%)", "Inspection coverage (%)"],
  "findings.count": ["发现问题", "Findings"],
  "rectifications.open": ["未完成整改", "Rectifications open"],
  "rectifications.overdue": ["超期整改", "Rectifications overdue"],
};

const headers: Record<Lang, readonly [string, string, string, string, string, string]> = {
  "zh-CN": ["周期", "单位", "指标", "本期", "上期", "增减"],
  en: ["period", "unit", "metric", "current", "previous", "change"],
};

export function csvLabels(lang: Lang, prisonName: (id: string) => string | undefined): CsvLabels {
  const i = lang === "en" ? 1 : 0;
  return {
    header: headers[lang],
    metric(m) {
      const known = metrics[m]?.[i];
      if (known !== undefined) return known;
      const sev = /^alarms\.severity\.(\d)$/.exec(m);
      if (sev) return lang === "en" ? `Alarms, severity ${sev[1]}` : `${sev[1]}级报警`;
      const type = /^alarms\.type\.(.+)$/.exec(m);
      if (type) return lang === "en" ? `Alarms: ${type[1]}` : `报警: ${type[1]}`;
      return m;
    },
    unit: (u) => (u === "province" ? (lang === "en" ? "Province" : "全省") : (prisonName(u) ?? u)),
  };
}
