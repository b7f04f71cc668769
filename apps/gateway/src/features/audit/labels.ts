// The audit trail's words for the CSV download (the wall has its own in its i18n tables): what each kind
// of event means as a verb, in zh-CN and English, and the column heads. An event type missing here is
// written as its type. Pure data.
export type AuditLang = "zh-CN" | "en";

const verbs: Record<string, readonly [string, string]> = {
  "view.started": ["查看实时视频", "viewed live video"],
  "view.ended": ["结束查看实时视频", "stopped viewing live video"],
  "recording.played": ["回放录像", "played back a recording"],
  "recording.plan.set": ["设置录像计划", "set the recording plan"],
  "evidence.created": ["标记证据", "marked evidence"],
  "evidence.fetched": ["从设备取回证据录像", "fetched evidence footage from the device"],
  "evidence.exported": ["导出证据", "exported evidence"],
  "evidence.downloaded": ["下载证据", "downloaded evidence"],
  "session.opened": ["登录", "logged in"],
  "session.closed": ["退出登录", "logged out"],
  "session.renewed": ["续期会话", "renewed the session"],
  "login.failed": ["登录失败", "failed to log in"],
  "alarm.raised": ["告警产生", "alarm raised"],
  "alarm.repeated": ["告警重复", "alarm repeated"],
  "alarm.acknowledged": ["确认告警", "acknowledged an alarm"],
  "alarm.resolved": ["处置告警", "resolved an alarm"],
  "alarm.cleared": ["告警解除", "alarm cleared"],
  "order.issued": ["下发指令", "issued an order"],
  "order.signed": ["签收指令", "signed for an order"],
  "order.feedback": ["反馈指令", "reported on an order"],
  "order.reminded": ["催办指令", "sent a reminder"],
  "wall.screen.set": ["推送上墙", "pushed to the wall"],
  "preset.saved": ["保存预案", "saved a preset"],
  "preset.deleted": ["删除预案", "deleted a preset"],
  "camera.added": ["添加摄像机", "added a camera"],
  "camera.updated": ["修改摄像机", "edited a camera"],
  "camera.removed": ["删除摄像机", "removed a camera"],
  "cameraGroup.saved": ["保存摄像机分组", "saved a camera group"],
  "cameraGroup.removed": ["删除摄像机分组", "removed a camera group"],
  "gb.ptz": ["云台控制", "moved a PTZ camera"],
  "inspection.checked": ["督查检查", "checked in the inspection"],
  "inspection.completed": ["完成督查", "completed the inspection"],
  "finding.recorded": ["记录问题", "recorded a finding"],
  "rectification.submitted": ["提交整改", "submitted a rectification"],
  "rectification.reviewed": ["审核整改", "reviewed a rectification"],
};

export function auditVerb(type: string, lang: AuditLang): string {
  const v = verbs[type];
  return v === undefined ? type : v[lang === "en" ? 1 : 0];
}

export function auditHeader(lang: AuditLang): string[] {
  return lang === "en"
    ? ["time", "person", "account", "action", "prison", "camera", "event", "seq"]
    : ["时间", "人员", "账号", "操作", "监狱", "摄像机", "事件类型", "序号"];
}

/** The gateway itself and the prisons' systems, as a person column shows them. */
export function otherActor(actor: string | null, lang: AuditLang): string {
  if (actor === null) return lang === "en" ? "(nobody logged in)" : "（未登录）";
  if (actor === "system" || actor.startsWith("system:")) return lang === "en" ? "system" : "系统";
  if (actor.startsWith("feed:")) return lang === "en" ? `feed ${actor.slice(5)}` : `接入 ${actor.slice(5)}`;
  return actor;
}
