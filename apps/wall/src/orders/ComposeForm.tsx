// The commander's compose form (下达指令): title, body, priority (加急), category (five areas), targets
// on the tree, sign-for and report-back windows in minutes (deadlines = now + window), an optional
// image, and templates for recurring orders (load one, save the form as one). Validation is the
// gateway's: its error is shown as it comes (field + message).
import type { OrderTemplateWire, OrderViewWire, TreeNode } from "@cw/protocol";
import { useEffect, useState } from "react";
import { useT } from "../i18n/useT";
import { detailedError } from "./errors";
import { readImageFile } from "./imageFile";
import { type CategoryId, categories, categoryKeys } from "./labels";
import { type ComposeBody, ordersApi } from "./ordersApi";
import { TargetPicker } from "./TargetPicker";

interface Draft {
  title: string;
  body: string;
  priority: "routine" | "urgent";
  category: CategoryId;
  targets: string[];
  signMin: string;
  feedbackMin: string;
  attachment: string | null;
  templateId: string | null;
}

const blank: Draft = {
  title: "",
  body: "",
  priority: "routine",
  category: "custody_security",
  targets: [],
  signMin: "60",
  feedbackMin: "",
  attachment: null,
  templateId: null,
};

const minutes = (s: string): number | null => (s.trim() === "" ? null : Number(s));

export function ComposeForm({ tree, onIssued }: { tree: TreeNode | null; onIssued: (v: OrderViewWire) => void }) {
  const t = useT();
  const [d, setD] = useState<Draft>(blank);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [templates, setTemplates] = useState<OrderTemplateWire[]>([]);
  const [templateName, setTemplateName] = useState("");
  const set = (patch: Partial<Draft>) => setD((prev) => ({ ...prev, ...patch }));

  const loadTemplates = () =>
    void ordersApi
      .templates()
      .then(setTemplates)
      .catch((err: unknown) => setError(detailedError(err)));
  useEffect(loadTemplates, []);

  const applyTemplate = (id: string) => {
    const tpl = templates.find((x) => x.id === id)?.template;
    if (!tpl) return set({ templateId: null });
    set({
      title: tpl.title,
      body: tpl.body,
      priority: tpl.priority,
      category: (categories as string[]).includes(tpl.category) ? (tpl.category as CategoryId) : "information",
      targets: [...tpl.targets],
      signMin: String(tpl.signWithinMin),
      feedbackMin: tpl.feedbackWithinMin == null ? "" : String(tpl.feedbackWithinMin),
      attachment: null,
      templateId: id,
    });
  };

  const pickImage = async (file: File | undefined) => {
    if (!file) return set({ attachment: null });
    const read = await readImageFile(file);
    if (read.ok) set({ attachment: read.dataUrl });
    else setError(t(read.reason === "size" ? "orders.image.tooLarge" : "orders.image.type"));
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const now = Date.now();
    const signMin = minutes(d.signMin) ?? 0;
    const feedbackMin = minutes(d.feedbackMin);
    const body: ComposeBody = {
      title: d.title,
      body: d.body,
      priority: d.priority,
      category: d.category,
      targets: d.targets,
      signDeadline: Math.round(now + signMin * 60_000),
      feedbackDeadline: feedbackMin === null ? null : Math.round(now + feedbackMin * 60_000),
      templateId: d.templateId,
    };
    // A template's own attachment comes along server-side unless the form picked another one.
    if (d.attachment !== null) body.attachment = d.attachment;
    try {
      const issued = await ordersApi.issue(body);
      setD(blank);
      onIssued(issued);
    } catch (err) {
      setError(detailedError(err));
    } finally {
      setBusy(false);
    }
  };

  const saveTemplate = async () => {
    setError(null);
    try {
      await ordersApi.saveTemplate({
        name: templateName,
        title: d.title,
        body: d.body,
        priority: d.priority,
        category: d.category,
        targets: d.targets,
        signWithinMin: Math.max(1, Math.round(minutes(d.signMin) ?? 60)),
        feedbackWithinMin: minutes(d.feedbackMin) === null ? null : Math.round(minutes(d.feedbackMin)!),
        attachment: d.attachment,
      });
      setTemplateName("");
      loadTemplates();
    } catch (err) {
      setError(detailedError(err));
    }
  };

  return (
    <form
      className="compose"
      data-testid="order-compose"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="compose-row">
        <select
          className="select"
          data-testid="order-compose-template"
          aria-label={t("orders.templateLabel")}
          value={d.templateId ?? ""}
          onChange={(e) => applyTemplate(e.target.value)}
        >
          <option value="">{t("orders.template.none")}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.template.name}
            </option>
          ))}
        </select>
      </div>
      <input
        className="input"
        data-testid="order-compose-title"
        placeholder={t("orders.title")}
        value={d.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      <textarea
        className="input"
        data-testid="order-compose-body"
        placeholder={t("orders.body")}
        rows={3}
        value={d.body}
        onChange={(e) => set({ body: e.target.value })}
      />
      <div className="compose-row">
        <select
          className="select"
          data-testid="order-compose-category"
          aria-label={t("orders.categoryLabel")}
          value={d.category}
          onChange={(e) => set({ category: e.target.value as CategoryId })}
        >
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(categoryKeys[c])}
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            data-testid="order-compose-urgent"
            checked={d.priority === "urgent"}
            onChange={(e) => set({ priority: e.target.checked ? "urgent" : "routine" })}
          />
          {t("orders.urgent")}
        </label>
      </div>
      <div className="compose-row">
        <label>
          {t("orders.signWithin")}
          <input
            className="input input-num"
            type="number"
            min="0"
            step="any"
            data-testid="order-compose-sign-min"
            value={d.signMin}
            onChange={(e) => set({ signMin: e.target.value })}
          />
        </label>
        <label>
          {t("orders.feedbackWithin")}
          <input
            className="input input-num"
            type="number"
            min="0"
            step="any"
            data-testid="order-compose-feedback-min"
            placeholder={t("orders.optional")}
            value={d.feedbackMin}
            onChange={(e) => set({ feedbackMin: e.target.value })}
          />
        </label>
      </div>
      <label className="compose-row">
        {t("orders.attachment")}
        <input
          type="file"
          accept="image/jpeg,image/png"
          data-testid="order-compose-attachment"
          onChange={(e) => void pickImage(e.target.files?.[0])}
        />
      </label>
      <div className="panel-title">{t("orders.targets", { n: d.targets.length })}</div>
      <TargetPicker tree={tree} value={d.targets} onChange={(targets) => set({ targets })} />
      {error && (
        <div className="form-error" data-testid="order-compose-error">
          {error}
        </div>
      )}
      <div className="compose-row">
        <button type="submit" className="btn btn-primary" data-testid="order-compose-submit" disabled={busy}>
          {t("orders.issue")}
        </button>
        <input
          className="input"
          data-testid="order-compose-template-name"
          placeholder={t("orders.template.name")}
          value={templateName}
          onChange={(e) => setTemplateName(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="order-compose-template-save"
          onClick={() => void saveTemplate()}
        >
          {t("orders.template.save")}
        </button>
      </div>
    </form>
  );
}
