// The devices page's model: the device list (refreshed every 5 s: online state and keepalives move on their
// own), the selected device's detail, and the commander's actions (assign a prison, set a password,
// re-query the catalogue). Errors are kept as text for the page. No rendering here.
import type { GbDevice, GbDeviceDetail, GbDeviceUpdate } from "@cw/protocol";
import { useCallback, useEffect, useState } from "react";
import { errorText } from "../api/errorText";
import { devicesApi } from "./devicesApi";
import { sortDevices } from "./devicesModel";

export interface DevicesModel {
  devices: GbDevice[];
  selected: GbDeviceDetail | null;
  error: string | null;
  busy: boolean;
  select(id: string | null): void;
  update(body: GbDeviceUpdate): Promise<boolean>;
  requery(): Promise<void>;
}

export function useDevices(): DevicesModel {
  const [devices, setDevices] = useState<GbDevice[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selected, setSelected] = useState<GbDeviceDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stop = false;
    const load = () =>
      devicesApi
        .list()
        .then((d) => {
          if (!stop) {
            setDevices(sortDevices(d));
            setError(null);
          }
        })
        .catch((err: unknown) => !stop && setError(errorText(err)));
    void load();
    const timer = setInterval(load, 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (selectedId === null) {
      setSelected(null);
      return;
    }
    let stop = false;
    devicesApi
      .detail(selectedId)
      .then((d) => !stop && setSelected(d))
      .catch((err: unknown) => !stop && setError(errorText(err)));
    return () => {
      stop = true;
    };
  }, [selectedId]);

  const update = useCallback(
    async (body: GbDeviceUpdate): Promise<boolean> => {
      if (selectedId === null) return false;
      setBusy(true);
      try {
        setSelected(await devicesApi.update(selectedId, body));
        setDevices(sortDevices(await devicesApi.list()));
        setError(null);
        return true;
      } catch (err) {
        setError(errorText(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [selectedId],
  );

  const requery = useCallback(async () => {
    if (selectedId === null) return;
    try {
      await devicesApi.requery(selectedId);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [selectedId]);

  return { devices, selected, error, busy, select: setSelectedId, update, requery };
}
