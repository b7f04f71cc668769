import { useT } from "../i18n/useT";
import { type LayoutId, layoutIds } from "../wall/layouts";

/** One button per layout; the icon is the layout drawn in miniature. */
export function LayoutPicker({ value, onPick }: { value: LayoutId; onPick: (id: LayoutId) => void }) {
  const t = useT();
  return (
    <div className="layout-picker" role="toolbar" aria-label={t("wall.layouts")}>
      {layoutIds.map((id) => (
        <button
          key={id}
          type="button"
          className={`btn btn-layout ${id === value ? "active" : ""}`}
          data-testid={`layout-${id}`}
          aria-pressed={id === value}
          title={t("wall.layout", { id })}
          onClick={() => onPick(id)}
        >
          {id}
        </button>
      ))}
    </div>
  );
}
