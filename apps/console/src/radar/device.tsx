import type { DeviceInfo } from '@kefu/client';
import { HelpIcon, MonitorIcon, PhoneDeviceIcon, TabletIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';

const ICONS = { desktop: MonitorIcon, mobile: PhoneDeviceIcon, tablet: TabletIcon, unknown: HelpIcon } as const;

/** A device-type icon, labelled with the type, browser and OS. */
export function DeviceIcon({ device }: { device: DeviceInfo }) {
  const { t } = useI18n();
  const Icon = ICONS[device.type];
  const label = [t.device.types[device.type], device.browser, device.os].filter(Boolean).join(' · ');
  return (
    <span class="device-icon" title={label} role="img" aria-label={label}>
      <Icon />
    </span>
  );
}

/** "Chrome 131 · macOS", or the device type when the browser is unknown. */
export function deviceText(device: DeviceInfo, unknown: string): string {
  return [device.browser, device.os].filter(Boolean).join(' · ') || unknown;
}
