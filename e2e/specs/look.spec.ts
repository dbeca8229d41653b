// The console's look end to end: dark by default and a remembered light theme, one layout for a desk
// (1920×1080, mouse) and a touch kiosk (1280×800) with no sideways scrolling and STOP ALL always in view,
// the camera search (Escape clears it and still stops everything), and the language switch. Saves the main
// screen in both themes at both sizes to out/test-results/screenshots/ and attaches it to the report.
import { CAMERAS, expect, test } from '../fixtures/console-fixture';
import { LookPage } from '../pages/look-page';

const SIZES = [
  { name: 'desk-1920x1080', width: 1920, height: 1080 },
  { name: 'kiosk-1280x800', width: 1280, height: 800 },
] as const;

const THEMES = ['dark', 'light'] as const;

test.beforeEach(async ({ consolePage }) => {
  // Both simulated cameras connected, so the shots show the live state.
  for (const c of CAMERAS) await consolePage.expectStatus(c.id, 'online');
});

test('main screen at desk and kiosk sizes in both themes: fits, STOP ALL in view, screenshots', async ({
  consolePage,
}, testInfo) => {
  const look = new LookPage(consolePage.page);
  await consolePage.select('cam-b');
  await expect(consolePage.page.getByTestId('control-heading')).toHaveText('Controlling Camera B');

  for (const size of SIZES) {
    await consolePage.page.setViewportSize({ width: size.width, height: size.height });
    for (const theme of THEMES) {
      await look.setTheme(theme);
      const { scrollWidth, innerWidth } = await look.horizontalOverflow();
      expect(innerWidth).toBe(size.width);
      expect(scrollWidth, `no horizontal scroll at ${size.name} ${theme}`).toBeLessThanOrEqual(innerWidth);
      await look.expectStopAllInViewport();
      await expect(consolePage.row('cam-b')).toHaveAttribute('aria-selected', 'true');
      await expect(consolePage.row('cam-b')).toBeInViewport();
      // Everything the operator drives with is on screen at once, with no scrolling: joystick, lens, speed
      // controls and the hotkeyed presets 1–9.
      await expect(consolePage.joystick, 'the joystick is wholly on screen').toBeInViewport({ ratio: 1 });
      const scroll = await look.controlPanelOverflow();
      expect(scroll.scrollHeight, `control panel does not scroll at ${size.name}`).toBeLessThanOrEqual(
        scroll.clientHeight,
      );
      await expect(look.lensPanel, 'the lens is wholly on screen').toBeInViewport({ ratio: 1 });
      await expect(look.inputPanel, 'the speed controls are on screen').toBeInViewport({ ratio: 1 });
      for (const n of [1, 5, 9]) {
        await expect(look.presetTile(n), `preset ${n} on screen`).toBeInViewport({ ratio: 1 });
      }
      await look.screenshot(`${testInfo.project.name}-${size.name}-${theme}`, testInfo);
    }
  }

  // At the kiosk size every control a finger needs here is at least 44 px tall.
  const targets = [
    look.themeToggle,
    look.language,
    look.search,
    consolePage.addCameraButton,
    consolePage.editButton,
    consolePage.removeButton,
    look.stopAll,
    consolePage.row('cam-a'),
  ];
  for (const [i, height] of (await look.heights(targets)).entries()) {
    expect(height, `touch target ${i}`).toBeGreaterThanOrEqual(44);
  }
});

test('the theme is dark by default, and a light choice survives a reload', async ({ consolePage }) => {
  const look = new LookPage(consolePage.page);
  expect(await look.isLight()).toBe(false);
  await expect(look.themeToggle).toHaveAttribute('aria-pressed', 'false');

  await look.setTheme('light');
  await consolePage.page.reload();
  await expect(consolePage.row('cam-a')).toBeVisible();
  await expect(look.themeToggle).toHaveAttribute('aria-pressed', 'true');
  expect(await look.isLight()).toBe(true);

  // The focus ring is drawn in the light theme too.
  await look.themeToggle.focus();
  await consolePage.page.keyboard.press('Space');
  await expect(look.themeToggle).toHaveAttribute('aria-pressed', 'false');
  const outline = await look.themeToggle.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  expect(await look.isLight()).toBe(false);
});

test('search filters the cameras, arrows stay among the shown ones, Escape clears and stops all', async ({
  consolePage,
  sim,
}) => {
  const look = new LookPage(consolePage.page);
  await expect(look.group('network')).toBeVisible();
  await expect(look.group('serial')).toHaveCount(0); // the fixture's cameras are all VISCA over IP
  await expect(look.rows).toHaveCount(CAMERAS.length);

  // Typed key by key: letters such as A/D/W/S are drive keys elsewhere, but not while typing here.
  await look.search.pressSequentially('camera b');
  await expect(look.rows).toHaveCount(1);
  await expect(consolePage.row('cam-b')).toHaveAttribute('data-moving', 'false');
  await expect(consolePage.row('cam-b')).toBeVisible();
  await expect(consolePage.page.getByTestId('device-search-count')).toHaveText('1 of 2 cameras shown');

  // By address and protocol too.
  await look.search.fill(`127.0.0.1:${sim.cameras[0]!.port}`);
  await expect(look.rows).toHaveCount(1);
  await expect(consolePage.row('cam-a')).toBeVisible();
  await look.search.fill('visca over ip');
  await expect(look.rows).toHaveCount(CAMERAS.length);
  await look.search.fill('no such camera');
  await expect(look.rows).toHaveCount(0);
  await expect(consolePage.page.getByTestId('device-list-no-match')).toBeVisible();

  // The keyboard walks only the shown rows.
  await look.search.fill('camera b');
  await consolePage.deviceList.focus();
  await consolePage.page.keyboard.press('ArrowUp');
  await expect(consolePage.row('cam-b')).toHaveAttribute('aria-selected', 'true');
  await consolePage.page.keyboard.press('ArrowDown');
  await expect(consolePage.row('cam-b')).toHaveAttribute('aria-selected', 'true');

  await look.search.focus();
  await consolePage.page.keyboard.press('Escape');
  await expect(look.search).toHaveValue('');
  await expect(look.rows).toHaveCount(CAMERAS.length);
  await expect(consolePage.notice).toContainText(`Stop sent to ${CAMERAS.length} cameras`);
});

test('switches the language to Chinese and back', async ({ consolePage }) => {
  const look = new LookPage(consolePage.page);
  await expect(look.title).toHaveText('PTZ Console');
  await look.language.selectOption('zh-CN');
  await expect(look.title).toHaveText('PTZ 控制台');
  await expect(look.themeToggle).toHaveText('浅色主题');
  await expect(look.search).toHaveAttribute('placeholder', '名称、地址或协议');
  await expect(look.group('network')).toContainText('网络');
  await expect(consolePage.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await look.language.selectOption('en');
  await expect(look.title).toHaveText('PTZ Console');
  await expect(look.themeToggle).toHaveText('Light theme');
  await expect(consolePage.page.locator('html')).toHaveAttribute('lang', 'en');
});
