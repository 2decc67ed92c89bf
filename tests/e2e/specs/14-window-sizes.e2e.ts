/**
 * The window at the sizes it is used at: the default 1200×800, a small 1024×768 screen and a
 * full-HD one. Each main screen is saved as a screenshot (target/e2e/14-*.png) and checked for
 * what looked broken before: a header that wraps or spills over its right edge, a page margin,
 * a side menu that stops short of the window's bottom, a payments table that scrolls sideways
 * at 1200 px and a payment's detail that covers the header.
 */
import { $, browser, expect } from "@wdio/globals";
import { fill, openScreen, signInFresh, textOf } from "../support/app.ts";
import { addCard, addCustomer, CARDS, closeDrawer, oneOffSale, runNow, waitForDetailStatus } from "../support/collect.ts";
import { screenshotPath } from "../support/paths.ts";

const SIZES = [
  { width: 1200, height: 800 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
] as const;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}

interface Layout {
  viewport: { width: number; height: number };
  bodyMargin: string;
  header: Box;
  headerChildren: (Box & { name: string; scrollWidth: number; clientWidth: number })[];
  nav: Box | null;
  pageScrollsSideways: boolean;
}

/** Where the header, its controls and the side menu are, measured in the page. */
async function layout(): Promise<Layout> {
  return browser.execute(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
    };
    const header = document.querySelector('[data-testid="app-header"]')!;
    // Every control in the header, and the controls inside its groups (name, scheduler, user).
    const children = [...header.querySelectorAll(":scope > *, :scope > * > *, [data-testid]")].filter(
      (el) => (el as HTMLElement).offsetParent !== null,
    );
    const nav = document.querySelector('[data-testid="nav"]');
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      bodyMargin: getComputedStyle(document.body).margin,
      header: box(header),
      headerChildren: children.map((el) => ({
        ...box(el),
        name: el.getAttribute("data-testid") ?? el.className.toString().slice(0, 40),
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      })),
      nav: nav ? box(nav) : null,
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

/** The header is one line inside the window and nothing in it spills or is cut. */
async function checkHeader(where: string) {
  const l = await layout();
  expect(l.bodyMargin).toBe("0px");
  expect(l.header.top).toBe(0);
  expect(l.header.left).toBe(0);
  expect(Math.round(l.header.height)).toBe(64);
  expect(l.header.right).toBeLessThanOrEqual(l.viewport.width + 0.5);
  for (const child of l.headerChildren) {
    const at = `${where}: ${child.name}`;
    expect({ at, right: child.right <= l.header.right + 0.5 }).toEqual({ at, right: true });
    expect({ at, top: child.top >= l.header.top - 0.5, bottom: child.bottom <= l.header.bottom + 0.5 }).toEqual({
      at,
      top: true,
      bottom: true,
    });
    // A text cut inside its own box (e.g. the product name squeezed) is wider than it shows.
    expect({ at, cut: child.scrollWidth > child.clientWidth + 1 }).toEqual({ at, cut: false });
  }
  const name = await $('[data-testid="app-name"]');
  expect(await name.getText()).toBe("Tahsildar");
  // One line: the name is as tall as a line of its text.
  const nameHeight = await browser.execute((el) => (el as HTMLElement).getBoundingClientRect().height, name);
  expect(nameHeight).toBeLessThan(40);
  expect(l.pageScrollsSideways).toBe(false);
  // The side menu reaches the window's bottom.
  if (l.nav) expect(Math.round(l.nav.bottom)).toBeGreaterThanOrEqual(l.viewport.height - 1);
}

/** The payments table's body is not wider than the table. */
async function paymentsTableScrollsSideways(): Promise<boolean> {
  return browser.execute(() => {
    const table = document.querySelector('[data-testid="payments-table"]');
    const bodies = table ? [...table.querySelectorAll(".ant-table-tbody-virtual-holder, .ant-table-body, .ant-table-content")] : [];
    const holders = table ? [...table.querySelectorAll(".ant-table-tbody-virtual-scrollbar-horizontal")] : [];
    const hasHorizontalBar = holders.some((bar) => (bar as HTMLElement).offsetParent !== null && getComputedStyle(bar).visibility !== "hidden");
    return hasHorizontalBar || bodies.some((body) => body.scrollWidth > body.clientWidth + 1);
  });
}

async function shoot(name: string) {
  await browser.pause(600);
  await browser.saveScreenshot(screenshotPath(`14-${name}`));
}

/** Opens the payment of `reference` from the list, whether or not the table scrolls sideways. */
async function openPaymentFromList(reference: string) {
  await openScreen("payments");
  await fill("filter-search", reference);
  const row = await $(`[data-customer="${reference}"]`);
  await row.waitForExist();
  // A click from the page: WebDriver cannot click a row of a table that scrolls sideways.
  await browser.execute((el) => (el as unknown as HTMLElement).click(), row);
  await $('[data-testid="payment-detail"]').waitForDisplayed();
}

describe("the window at 1024×768, 1200×800 and 1920×1080", () => {
  let original: { width: number; height: number };

  before(async () => {
    original = await browser.getWindowSize();
  });

  after(async () => {
    await browser.setWindowSize(original.width, original.height);
  });

  it("has a paid payment and one to come", async () => {
    await signInFresh();
    await addCustomer("D-141", "Ayşe Yılmaz");
    await addCard(CARDS.approve);
    await oneOffSale("1.234,56");
    await runNow();
    await openPaymentFromList("D-141");
    await waitForDetailStatus("paid");
    await closeDrawer();
    await addCustomer("D-142", "Mehmet Öztürk Kırtasiye ve Yayıncılık Ltd. Şti.");
    await addCard(CARDS.hardDecline54);
    await oneOffSale("250,00");
  });

  for (const size of SIZES) {
    const tag = `${size.width}x${size.height}`;

    it(`fits ${tag}: dashboard, payments with the detail open, customers, reports, settings`, async () => {
      await browser.setWindowSize(size.width, size.height);
      await browser.pause(500);
      const { viewport } = await layout();
      // Without a window manager the page gets the whole window.
      expect(Math.abs(viewport.width - size.width)).toBeLessThan(40);

      await openScreen("dashboard");
      await checkHeader(`${tag} dashboard`);
      await shoot(`${tag}-dashboard`);

      await openScreen("payments");
      await $('[data-customer="D-141"]').waitForExist();
      await checkHeader(`${tag} payments`);
      expect(await paymentsTableScrollsSideways()).toBe(false);
      // Ant Design's own words (the page size) are Turkish too.
      expect(await textOf($('[data-testid="payments-page"] .ant-pagination-options'))).toContain("/ sayfa");
      await shoot(`${tag}-payments`);
      await openPaymentFromList("D-141");
      await expect($('[data-testid="payment-detail-status"]')).toHaveText("Ödendi");
      // The detail opens below the header, which stays in view.
      const drawerTop = await browser.execute(() => document.querySelector(".ant-drawer-content-wrapper")!.getBoundingClientRect().top);
      expect(Math.round(drawerTop)).toBeGreaterThanOrEqual(64);
      await checkHeader(`${tag} payment detail`);
      await shoot(`${tag}-payment-detail`);
      await closeDrawer();

      await openScreen("customers");
      await checkHeader(`${tag} customers`);
      await shoot(`${tag}-customers`);

      await openScreen("reports");
      await checkHeader(`${tag} reports`);
      await shoot(`${tag}-reports`);

      await openScreen("settings");
      await checkHeader(`${tag} settings`);
      await shoot(`${tag}-settings`);
    });
  }
});
