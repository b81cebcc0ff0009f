import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  luminance,
  parseThemeColor,
  type MantineColorsTuple,
  type MantineTheme,
  type VariantColorsResolver,
} from '@mantine/core';

/** The calm blue of public-service sites; one theme for every portal. */
const stateBlue: MantineColorsTuple = [
  '#e8f0ff',
  '#cfdcfb',
  '#9eb7f3',
  '#6990ec',
  '#3d6fe5',
  '#215ae2',
  '#0d4cd3',
  '#0040c4',
  '#0038b0',
  '#002f9c',
];

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour of a "light" box or badge of one colour: Mantine's shade 9 on shade 1 is 2.7:1 for
 * yellow and 3.8:1 for green, below the 4.5:1 of WCAG 2.1 1.4.3. Darkened until it reads on the
 * hover background (shade 2), the darker of the two.
 */
function readableLightText(theme: MantineTheme, color: string): string {
  const shades = theme.colors[color];
  let text = shades[9];
  for (let step = 1; contrast(text, shades[2]) < 4.6 && step <= 10; step++) {
    text = darken(shades[9], step * 0.07);
  }
  return text;
}

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle' && input.variant !== 'transparent') {
    return colors;
  }
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined || input.theme.colors[parsed.color] === undefined) {
    return colors;
  }
  return { ...colors, color: readableLightText(input.theme, parsed.color) };
};

export const theme = createTheme({
  primaryColor: 'stateBlue',
  primaryShade: 6,
  colors: { stateBlue },
  variantColorResolver,
  // Filled boxes take black or white text, whichever reads: white on teal is 2.6:1. At luminance
  // 0.179 both give about 4.5:1 (WCAG 2.1 1.4.3), so that is where the choice turns.
  autoContrast: true,
  luminanceThreshold: 0.179,
  fontFamily: '"Liberation Sans", Arial, "Helvetica Neue", sans-serif',
  headings: { fontFamily: '"Liberation Sans", Arial, sans-serif', fontWeight: '700' },
  defaultRadius: 'md',
  components: {
    // A long label wraps onto a second line instead of being cut (styles.css: .oe-button*).
    Button: {
      defaultProps: { size: 'md' },
      classNames: { root: 'oe-button', inner: 'oe-button-inner', label: 'oe-button-label' },
    },
    // Information boxes are not alarms: a screen reader announces role="alert" at once, over what
    // the person is doing. Errors say role="alert" themselves.
    // The body may shrink below a wide child's width (styles.css: .oe-alert-body), so a table in a
    // box scrolls inside it instead of pushing the box's text off a phone's screen.
    Alert: { defaultProps: { role: 'status' }, classNames: { body: 'oe-alert-body' } },
    Notification: { defaultProps: { role: 'status' } },
    // A link in running text must be told from the text without its colour (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } },
    // A table wider than a phone scrolls sideways: the scrollbar stays in sight so one sees that it
    // does, and the box takes the keyboard focus so it can be scrolled without a mouse (WCAG 2.1.1).
    TableScrollContainer: {
      defaultProps: {
        scrollAreaProps: {
          type: 'always',
          viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Таблица, прокручивается вбок' },
        },
      },
    },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
  },
});
