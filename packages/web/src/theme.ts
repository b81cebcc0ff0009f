import { createTheme, type MantineColorsTuple } from '@mantine/core';

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

export const theme = createTheme({
  primaryColor: 'stateBlue',
  primaryShade: 6,
  colors: { stateBlue },
  fontFamily: '"Liberation Sans", Arial, "Helvetica Neue", sans-serif',
  headings: { fontFamily: '"Liberation Sans", Arial, sans-serif', fontWeight: '700' },
  defaultRadius: 'md',
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
  },
});
